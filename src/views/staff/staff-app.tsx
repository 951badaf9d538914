// Placeholder until the staff shell lands (issue 10, same session).
export function StaffApp(_props: { path: string[] }) {
  return null;
}
