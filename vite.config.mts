// Vite 8 builds the popup renderer; Vite's built-in Oxc transform handles TSX (no plugin needed).
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
