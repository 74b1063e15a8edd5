export { createRemoteEngine, RemoteEngine } from './RemoteEngine';
export type { RemoteEngineOptions } from './RemoteEngine';
export { health } from './health';
export type { ServerHealth } from './health';
export { pushTable } from './push';
export type { LocalSession, PushOptions } from './push';
export { pullResult } from './pull';
export type { PullOptions, PullTarget } from './pull';
export type { UploadOptions } from './upload';
