export * from './errors.ts';
export * from './manifest.ts';
export * from './image.ts';
export * from './catalog.ts';
