// Vite's client types for web/: CSS imports, import.meta.glob and JSON modules.
/// <reference types="vite/client" />
