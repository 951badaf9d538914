// The staff screens' chunk (issue 10): `#/team/…`. Replaced by the staff app.
export { StaffApp } from './staff-app';
