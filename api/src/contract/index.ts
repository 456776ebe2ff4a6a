export * from './errors.ts';
export * from './manifest.ts';
export * from './image.ts';
export * from './catalog.ts';
export * from './scan.ts';
export * from './ui-condition.ts';
export * from './signature.ts';
