// Marker clustering for dense point layers. Leaflet.markercluster (kept by LibMan) is a UMD script that extends a
// global L, so leafletGlobal.js exposes one before it is evaluated (module imports run in order).
import './leafletGlobal.js';
import 'leaflet.markercluster';

/** Point layers with more features than this are clustered; the real dataset stays unclustered. */
export const clusterThreshold = 400;

export function clusterGroup() {
  return new window.L.MarkerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    maxClusterRadius: 60,
    spiderfyOnMaxZoom: true,
  });
}
