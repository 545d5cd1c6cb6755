// The write concern of writes that acknowledge a respondent's submission. On MongoDB: a majority of
// the replica set, journaled. The embedded server commits every write to disk before it answers.
export interface WriteAck {
  w?: number | 'majority';
  j?: boolean;
}

export function submissionWriteConcern(engine: 'embedded' | 'mongodb'): WriteAck {
  return engine === 'mongodb' ? { w: 'majority', j: true } : {};
}
