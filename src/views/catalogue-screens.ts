// The catalogue's screens, one lazy chunk (src/views/app-frame.tsx).
export { ActivityDetail } from './activity-detail';
export { Catalogue } from './catalogue-screen';
