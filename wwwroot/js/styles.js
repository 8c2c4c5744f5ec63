// One table from actors and kinds to colours and symbols; everything that draws asks here.

const fallbackColour = '#777777';

export function actorColour(actors, actorId) {
  return actors.get(actorId)?.colour ?? fallbackColour;
}

export function pathStyle(actors, feature, layerStyle = {}) {
  const colour = actorColour(actors, feature.properties.actor);
  return { color: colour, fillColor: colour, weight: 2, fillOpacity: 0.25, ...layerStyle };
}

export function pointStyle(actors, feature, layerStyle = {}) {
  const colour = actorColour(actors, feature.properties.actor);
  const approximate = feature.properties.approximate;
  return {
    radius: 7, color: '#222222', weight: 1, fillColor: colour, fillOpacity: 0.9,
    dashArray: approximate ? '2 2' : null, ...layerStyle,
  };
}
