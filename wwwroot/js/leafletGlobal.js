// A mutable global L for UMD plugins: the ES module namespace itself is read-only, its classes are shared.
import * as L from 'leaflet';

window.L = { ...L, ...(window.L ?? {}) };
