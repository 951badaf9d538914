// The one database instance the app uses. Tests make their own `new QuartiersbuchDb(name)`.
import { QuartiersbuchDb } from './db';

export const db = new QuartiersbuchDb();
