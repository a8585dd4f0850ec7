export * from './auth';
export * from './dataCenters';
export * from './errors';
export * from './gate';
export * from './pagination';
export * from './redact';
export * from './request';
export * from './types';
