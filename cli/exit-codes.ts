// Exit codes of every voc command: 0 done, 1 failed (a server away, a job that did not
// finish), 2 used wrongly (unknown option, missing or invalid argument): scripts can tell
// "fix the command" from "try again later".
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
