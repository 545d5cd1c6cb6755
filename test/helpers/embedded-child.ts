// A stand-in for `npm start` in the durability test: starts the embedded database on the DATA_DIR given
// as argv[2], writes argv[3] acknowledged documents, reports, then idles until it is killed.
import mongoose from 'mongoose';
import { loadConfig } from '../../server/config.ts';
import { startEmbeddedDatabase } from '../../server/db/embedded.ts';

const [dataDir, count] = process.argv.slice(2);
const quiet = { info() {}, warn() {}, error: console.error };
const db = await startEmbeddedDatabase({ ...loadConfig(), dataDir }, quiet);
const conn = await mongoose.createConnection(db.uri, { dbName: 'crash' }).asPromise();
for (let i = 0; i < Number(count); i++) await conn.collection('docs').insertOne({ i });
console.log(`WROTE ${db.pid}`);
setInterval(() => {}, 60_000);
