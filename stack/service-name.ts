// The servers the local stack manages, in the order they are reported.
export type ServiceName = 'kafka' | 'elasticsearch' | 'redis';
export const serviceNames: readonly ServiceName[] = ['kafka', 'elasticsearch', 'redis'];
