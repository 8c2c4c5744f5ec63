using Map.Import.Crs;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace Map.Import.Validation;

public enum InvalidGeometryPolicy { Fix, Reject }

/// <summary>
/// Makes a shape ready for the features table: Z and M dropped (the column is 2D), reprojected to EPSG:4326, checked
/// to lie on the globe (a wrong CRS shows here), single-part multis unwrapped, and invalid geometries repaired with
/// NetTopologySuite's GeometryFixer or refused, per <see cref="InvalidGeometryPolicy"/>.
/// </summary>
public sealed class GeometryPreparation(SourceCrs crs, InvalidGeometryPolicy policy, bool flatten)
{
    /// <returns>The geometry to store, or null with the reason it cannot be stored.</returns>
    /// <param name="repair">What was repaired, when the geometry had to be (for the report); otherwise null.</param>
    public Geometry? Prepare(Geometry shape, out string reason, out string? repair)
    {
        reason = "";
        repair = null;
        var geometry = flatten ? Flatten(shape) : shape;
        crs.ToWgs84(geometry);
        var box = geometry.EnvelopeInternal;
        if (double.IsNaN(box.MinX) || box.MinX < -180 || box.MaxX > 180 || box.MinY < -90 || box.MaxY > 90)
        {
            reason = $"its coordinates ({box.MinX:0.###}, {box.MinY:0.###}) are not longitude/latitude after conversion from {crs.Description}; " +
                "is the coordinate system right?";
            return null;
        }
        if (geometry is GeometryCollection { NumGeometries: 1 } single) geometry = single.GetGeometryN(0);
        if (geometry is Point) return geometry;

        var check = new IsValidOp(geometry);
        if (check.IsValid) return geometry;
        if (policy == InvalidGeometryPolicy.Reject)
        {
            reason = $"invalid geometry: {check.ValidationError.Message} at {check.ValidationError.Coordinate}";
            return null;
        }
        var repaired = GeometryFixer.Fix(geometry);
        if (repaired.IsEmpty)
        {
            reason = $"invalid geometry that cannot be repaired: {check.ValidationError.Message}";
            return null;
        }
        repaired.SRID = 4326;
        repair = $"invalid {geometry.GeometryType} ({check.ValidationError.Message} at {Point(check.ValidationError.Coordinate)}) " +
            $"repaired into a valid {repaired.GeometryType}";
        return repaired;
    }

    private static string Point(Coordinate? c) =>
        c is null ? "?" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{c.X:0.#######} {c.Y:0.#######}");

    private static Geometry Flatten(Geometry shape) => new To2D().Transform(shape);

    /// <summary>Copies every coordinate sequence into a 2D one (the features column has no Z or M).</summary>
    private sealed class To2D : GeometryTransformer
    {
        protected override CoordinateSequence TransformCoordinates(CoordinateSequence coords, Geometry parent)
        {
            var flat = Factory.CoordinateSequenceFactory.Create(coords.Count, 2, 0);
            for (var i = 0; i < coords.Count; i++)
            {
                flat.SetX(i, coords.GetX(i));
                flat.SetY(i, coords.GetY(i));
            }
            return flat;
        }
    }
}
