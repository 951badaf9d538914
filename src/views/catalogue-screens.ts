// The catalogue's screens and the opening hours, one lazy chunk (src/views/app-frame.tsx).
export { ActivityDetail } from './activity-detail';
export { Catalogue } from './catalogue-screen';
export { OpeningHours } from './opening-hours-screen';
