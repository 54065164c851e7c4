export * from './actors';
export * from './databases';
export * from './event-spy';
export * from './infra';
export * from './service-under-test';
export * from './process-service';
export * from './refusal';
export * from './publish-event';
