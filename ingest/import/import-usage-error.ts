// The command line (or the file's header) does not fit the model: nothing can be imported
// until the user changes the command. `voc import` prints the message and exits with 2.
// Throw it only before any row was published; problems with single rows are rejects.
export class ImportUsageError extends Error {
  override readonly name = 'ImportUsageError';
}
