export * from './dataCenters';
export * from './errors';
export * from './gate';
export * from './pagination';
export * from './request';
export * from './types';
