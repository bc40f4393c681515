// Thrown when the local stack cannot do what was asked (a port taken by a stranger, a
// server that never became healthy, a missing JDK). The message is meant for the user
// as-is: it names the service, the port and, where one exists, the tail of its log.
import type { ServiceName } from './service-name.ts';

export class StackError extends Error {
  override readonly name = 'StackError';
  constructor(
    message: string,
    readonly service?: ServiceName,
  ) {
    super(message);
  }
}
