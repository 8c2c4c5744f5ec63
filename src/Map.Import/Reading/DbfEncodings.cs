using System.Globalization;
using System.Text;

namespace Map.Import.Reading;

/// <summary>
/// The text encoding of a .dbf: named by the user (--encoding), else the .cpg file, else the language-driver byte of
/// the DBF header, else UTF-8. Decoders are strict: text that is not valid in the chosen encoding stops the import
/// with a message instead of turning into U+FFFD replacement characters.
/// </summary>
public static class DbfEncodings
{
    static DbfEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The DBF language-driver ids (byte 29) that name a code page; ESRI's table, the entries GDAL also reads.</summary>
    private static readonly Dictionary<byte, int> LanguageDrivers = new()
    {
        [0x01] = 437, [0x02] = 850, [0x03] = 1252, [0x08] = 865, [0x09] = 437, [0x0A] = 850, [0x0B] = 437, [0x0D] = 437,
        [0x0E] = 850, [0x0F] = 437, [0x10] = 850, [0x11] = 437, [0x12] = 850, [0x13] = 932, [0x14] = 850, [0x15] = 437,
        [0x16] = 850, [0x17] = 865, [0x18] = 437, [0x19] = 437, [0x1A] = 850, [0x1B] = 437, [0x1C] = 863, [0x1D] = 850,
        [0x1F] = 852, [0x22] = 852, [0x23] = 852, [0x24] = 860, [0x25] = 850, [0x26] = 866, [0x37] = 850, [0x40] = 852,
        [0x4D] = 936, [0x4E] = 949, [0x4F] = 950, [0x50] = 874, [0x57] = 1252, [0x58] = 1252, [0x59] = 1252,
        [0x64] = 852, [0x65] = 866, [0x66] = 865, [0x67] = 861, [0x6A] = 737, [0x6B] = 857, [0x6C] = 863,
        [0x78] = 950, [0x79] = 949, [0x7A] = 936, [0x7B] = 932, [0x7C] = 874, [0x7D] = 1255, [0x7E] = 1256,
        [0x86] = 737, [0x87] = 852, [0x88] = 857, [0xC8] = 1250, [0xC9] = 1251, [0xCA] = 1254, [0xCB] = 1253, [0xCC] = 1257,
    };

    public static ResolvedEncoding Resolve(string? named, string? cpgPath, byte languageDriver, string fileName)
    {
        if (!string.IsNullOrWhiteSpace(named))
            return new(Parse(named) ?? throw new ImportException(ImportErrors.InvalidOption,
                $"{ImportOption.Encoding} '{named}' is not an encoding this import knows (e.g. UTF-8, CP1256, windows-1256, ISO-8859-6)."),
                ImportOption.Encoding);
        if (cpgPath is not null)
        {
            var text = File.ReadAllText(cpgPath).Trim();
            if (text.Length > 0)
                return new(Parse(text) ?? throw new ImportException(ImportErrors.EncodingUnknown,
                    $"{fileName}: the .cpg names the encoding '{text}', which this import does not know; " +
                    $"name the right one with {ImportOption.Encoding}."), ".cpg");
        }
        if (LanguageDrivers.TryGetValue(languageDriver, out var codePage))
            return new(Strict(codePage), $"DBF language driver 0x{languageDriver:X2}");
        return new(Strict(65001), "assumed: no .cpg and no language driver");
    }

    /// <summary>"UTF-8", "utf8", "65001", "CP1256", "1256", "windows-1256", "ANSI 1256", "ISO-8859-6", "8859_6".</summary>
    public static Encoding? Parse(string name)
    {
        var text = name.Trim().ToUpperInvariant().Replace("ANSI", "").Replace("_", "-").Trim();
        if (text is "UTF8" or "UTF-8") return Strict(65001);
        if (text.StartsWith("CP", StringComparison.Ordinal)) text = text[2..].TrimStart('-', ' ');
        if (text.StartsWith("8859-", StringComparison.Ordinal)) text = "ISO-" + text;
        try
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var codePage)
                ? Strict(codePage)
                : Strict(Encoding.GetEncoding(text).CodePage);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static Encoding Strict(int codePage) => codePage == 65001
        ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)
        : Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
}

/// <summary>An encoding and where it came from, for the report.</summary>
public sealed record ResolvedEncoding(Encoding Encoding, string Origin)
{
    public string Name => Encoding.CodePage == 65001 ? "UTF-8" : Encoding.WebName.ToUpperInvariant();
    public string Description => $"{Name} ({Origin})";
}
