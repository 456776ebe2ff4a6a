import { gzipSync } from 'node:zlib';

// A minimal ustar writer for the demo images' single layer. Only regular files are needed, and the
// demo must be byte-for-byte reproducible, so mtime, owner and mode are fixed.

function header(name: string, size: number): Buffer {
  const block = Buffer.alloc(512, 0);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100, 'ascii');
  block.write('0000000\0', 108, 'ascii');
  block.write('0000000\0', 116, 'ascii');
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  block.write('00000000000\0', 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write('0', 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  let checksum = 0;
  for (const byte of block) checksum += byte;
  block.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/** Builds an uncompressed tar archive of the given files. */
export function tarFiles(files: Array<{ name: string; content: string }>): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    const body = Buffer.from(file.content, 'utf8');
    parts.push(header(file.name, body.length), body, Buffer.alloc((512 - (body.length % 512)) % 512, 0));
  }
  parts.push(Buffer.alloc(1024, 0));
  return Buffer.concat(parts);
}

/** Gzip with a fixed header (no mtime, no file name), so equal input gives equal bytes. */
export function deterministicGzip(data: Buffer): Buffer {
  const compressed = gzipSync(data, { level: 9 });
  // Bytes 4-7 hold the mtime and byte 9 the OS; zlib writes 0 for mtime, and the OS byte is pinned here.
  compressed[9] = 3;
  return compressed;
}
