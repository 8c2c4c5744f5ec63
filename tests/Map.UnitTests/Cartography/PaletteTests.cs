using System.Globalization;
using System.Text.RegularExpressions;
using Map.Web.Hosting;

namespace Map.UnitTests.Cartography;

/// <summary>
/// The actor palette of wwwroot/js/styles.js, checked for colour-blind readers: each colour is seen as people with
/// deuteranopia, protanopia and tritanopia see it (Machado, Oliveira and Fernandes 2009, severity 1) and the CIEDE2000
/// distance of every pair is measured. Twelve colours cannot all be far apart for every reader, so the forces most
/// often confused in this conflict — the US-led coalition, Israel and the Iran-backed forces — must stay clearly apart
/// (ΔE00 ≥ 20 for everyone), and no pair may fall below ΔE00 8 (a difference that is still seen side by side).
/// </summary>
public sealed partial class PaletteTests
{
    private static readonly string[] KeyActors = ["us-coalition", "israel", "iran-backed"];
    private const double KeyDistance = 20;
    private const double AnyDistance = 8;

    [GeneratedRegex(@"'(?<id>[a-z-]+)': '#(?<hex>[0-9A-Fa-f]{6})'")]
    private static partial Regex PaletteEntry();

    private static Dictionary<string, double[]> Palette()
    {
        var root = RepositoryLayout.FindRoot(AppContext.BaseDirectory)!;
        var styles = File.ReadAllText(Path.Combine(root, "wwwroot", "js", "styles.js"));
        var table = styles[styles.IndexOf("actorPalette", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("};", StringComparison.Ordinal)];
        return PaletteEntry().Matches(table).ToDictionary(m => m.Groups["id"].Value, m => Rgb(m.Groups["hex"].Value));
    }

    public static TheoryData<string> Vision => ["normal", "deuteranopia", "protanopia", "tritanopia"];

    [Theory]
    [MemberData(nameof(Vision))]
    public void TheCoalitionIsraelAndIranBackedColoursStayApart(string vision)
    {
        var palette = Palette();
        foreach (var (a, b) in KeyActors.SelectMany((a, i) => KeyActors.Skip(i + 1).Select(b => (a, b))))
        {
            var distance = DeltaE2000(Lab(Simulate(palette[a], vision)), Lab(Simulate(palette[b], vision)));
            Assert.True(distance >= KeyDistance, $"{vision}: {a} / {b} ΔE00 = {distance:F1}");
        }
    }

    [Theory]
    [MemberData(nameof(Vision))]
    public void NoTwoActorColoursLookTheSame(string vision)
    {
        var palette = Palette().ToList();
        Assert.True(palette.Count >= 12);
        var closest = palette.SelectMany((a, i) => palette.Skip(i + 1).Select(b =>
                (Pair: $"{a.Key} / {b.Key}", Distance: DeltaE2000(Lab(Simulate(a.Value, vision)), Lab(Simulate(b.Value, vision))))))
            .MinBy(p => p.Distance);
        Assert.True(closest.Distance >= AnyDistance, $"{vision}: {closest.Pair} ΔE00 = {closest.Distance:F1}");
    }

    private static double[] Rgb(string hex) =>
        [.. Enumerable.Range(0, 3).Select(i => int.Parse(hex.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0)];

    private static double ToLinear(double c) => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    private static double ToSrgb(double c) => Math.Clamp(c, 0, 1) is var v && v <= 0.0031308 ? 12.92 * v : 1.055 * Math.Pow(v, 1 / 2.4) - 0.055;

    /// <summary>Machado et al. (2009) simulation matrices for full dichromacy, applied in linear RGB.</summary>
    private static double[] Simulate(double[] rgb, string vision)
    {
        double[,]? m = vision switch
        {
            "deuteranopia" => new[,] { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } },
            "protanopia" => new[,] { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } },
            "tritanopia" => new[,] { { 1.255528, -0.076749, -0.178779 }, { -0.078411, 0.930809, 0.147602 }, { 0.004733, 0.691367, 0.303900 } },
            _ => null,
        };
        if (m is null) return rgb;
        var lin = rgb.Select(ToLinear).ToArray();
        return [.. Enumerable.Range(0, 3).Select(i => ToSrgb(m[i, 0] * lin[0] + m[i, 1] * lin[1] + m[i, 2] * lin[2]))];
    }

    private static (double L, double A, double B) Lab(double[] rgb)
    {
        var (r, g, b) = (ToLinear(rgb[0]), ToLinear(rgb[1]), ToLinear(rgb[2]));
        var x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        var y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        var z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        static double F(double t) => t > 0.008856 ? Math.Cbrt(t) : 7.787 * t + 16.0 / 116;
        return (116 * F(y) - 16, 500 * (F(x) - F(y)), 200 * (F(y) - F(z)));
    }

    /// <summary>CIEDE2000 (Sharma, Wu and Dalal 2005).</summary>
    private static double DeltaE2000((double L, double A, double B) c1, (double L, double A, double B) c2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        static double Deg(double r) => r * 180 / Math.PI;
        var cBar = (Math.Sqrt(c1.A * c1.A + c1.B * c1.B) + Math.Sqrt(c2.A * c2.A + c2.B * c2.B)) / 2;
        var g = 0.5 * (1 - Math.Sqrt(Math.Pow(cBar, 7) / (Math.Pow(cBar, 7) + Math.Pow(25, 7))));
        var (a1, a2) = ((1 + g) * c1.A, (1 + g) * c2.A);
        var (cp1, cp2) = (Math.Sqrt(a1 * a1 + c1.B * c1.B), Math.Sqrt(a2 * a2 + c2.B * c2.B));
        var h1 = (Deg(Math.Atan2(c1.B, a1)) + 360) % 360;
        var h2 = (Deg(Math.Atan2(c2.B, a2)) + 360) % 360;
        var dL = c2.L - c1.L;
        var dC = cp2 - cp1;
        var dh = cp1 * cp2 == 0 ? 0 : Math.Abs(h2 - h1) <= 180 ? h2 - h1 : h2 - h1 > 180 ? h2 - h1 - 360 : h2 - h1 + 360;
        var dH = 2 * Math.Sqrt(cp1 * cp2) * Math.Sin(Rad(dh / 2));
        var lBar = (c1.L + c2.L) / 2;
        var cpBar = (cp1 + cp2) / 2;
        var hBar = cp1 * cp2 == 0 ? h1 + h2 : Math.Abs(h1 - h2) <= 180 ? (h1 + h2) / 2 : h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
        var t = 1 - 0.17 * Math.Cos(Rad(hBar - 30)) + 0.24 * Math.Cos(Rad(2 * hBar)) + 0.32 * Math.Cos(Rad(3 * hBar + 6)) - 0.20 * Math.Cos(Rad(4 * hBar - 63));
        var dTheta = 30 * Math.Exp(-Math.Pow((hBar - 275) / 25, 2));
        var rc = 2 * Math.Sqrt(Math.Pow(cpBar, 7) / (Math.Pow(cpBar, 7) + Math.Pow(25, 7)));
        var sl = 1 + 0.015 * Math.Pow(lBar - 50, 2) / Math.Sqrt(20 + Math.Pow(lBar - 50, 2));
        var sc = 1 + 0.045 * cpBar;
        var sh = 1 + 0.015 * cpBar * t;
        var rt = -Math.Sin(Rad(2 * dTheta)) * rc;
        return Math.Sqrt(Math.Pow(dL / sl, 2) + Math.Pow(dC / sc, 2) + Math.Pow(dH / sh, 2) + rt * (dC / sc) * (dH / sh));
    }
}
