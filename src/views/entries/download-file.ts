// Saving text as a file the person downloads (a Blob behind a link with `download`): the
// export of unsent entries, a walk's route as GPX or GeoJSON. Nothing leaves the device.
export function downloadFile(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers read the Blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
