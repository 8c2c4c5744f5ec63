using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Map.Import.Reading;

/// <summary>
/// A forward-only reader of a dBASE III table (.dbf). Written here rather than taken from the shapefile library so
/// that a damaged header is refused up front, a bad value is reported for its record and field (instead of ending the
/// whole read), and text is decoded with a strict decoder in the encoding chosen by <see cref="DbfEncodings"/>.
/// </summary>
public sealed class DbfTable : IDisposable
{
    private static readonly HashSet<byte> KnownVersions = [0x02, 0x03, 0x30, 0x31, 0x32, 0x43, 0x63, 0x83, 0x8B, 0x8E, 0xCB, 0xF5, 0xFB];
    private const string SupportedTypes = "CNFDL";

    private readonly FileStream stream;
    private readonly byte[] record;
    private readonly string fileName;
    private Encoding encoding = Encoding.UTF8;
    private int read;

    public IReadOnlyList<DbfField> Fields { get; }
    public int RecordCount { get; }
    public byte LanguageDriver { get; }
    /// <summary>True when the current record carries the DBF deletion mark.</summary>
    public bool Deleted => record[0] == (byte)'*';

    private DbfTable(FileStream stream, string fileName, List<DbfField> fields, int recordCount, int recordLength, byte languageDriver)
    {
        this.stream = stream;
        this.fileName = fileName;
        Fields = fields;
        RecordCount = recordCount;
        LanguageDriver = languageDriver;
        record = new byte[recordLength];
    }

    public static DbfTable Open(string path, string fileName)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return ReadHeader(stream, fileName);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static DbfTable ReadHeader(FileStream stream, string fileName)
    {
        ImportException Invalid(string reason) => new(ImportErrors.DbfInvalid, $"{fileName}: the .dbf attribute file is not a valid dBASE table ({reason}).");
        var header = new byte[32];
        if (stream.ReadAtLeast(header, 32, throwOnEndOfStream: false) < 32) throw Invalid("it is shorter than a dBASE header");
        if (!KnownVersions.Contains(header[0])) throw Invalid($"unknown version byte 0x{header[0]:X2}");
        var recordCount = BitConverter.ToUInt32(header, 4);
        int headerLength = BitConverter.ToUInt16(header, 8);
        int recordLength = BitConverter.ToUInt16(header, 10);
        if (headerLength < 33 || recordLength < 1 || recordCount > int.MaxValue) throw Invalid("impossible header or record length");

        var descriptors = new byte[headerLength - 32];
        if (stream.ReadAtLeast(descriptors, descriptors.Length, throwOnEndOfStream: false) < descriptors.Length) throw Invalid("the header is cut short");
        var fields = new List<DbfField>();
        var offset = 1;
        for (var at = 0; ; at += 32)
        {
            if (at >= descriptors.Length) throw Invalid("the field list has no terminator");
            if (descriptors[at] == 0x0D) break;
            if (at + 32 > descriptors.Length) throw Invalid("the field list is cut short");
            var nameLength = Array.IndexOf(descriptors, (byte)0, at, 11) is var z and >= 0 ? z - at : 11;
            var type = (char)descriptors[at + 11];
            var length = descriptors[at + 16];
            if (nameLength == 0) throw Invalid($"field #{fields.Count + 1} has no name");
            if (!SupportedTypes.Contains(type)) throw Invalid($"field #{fields.Count + 1} has the unsupported type '{type}'");
            if (length == 0) throw Invalid($"field #{fields.Count + 1} has length 0");
            fields.Add(new DbfField(descriptors.AsSpan(at, nameLength).ToArray(), type, length, descriptors[at + 17], offset));
            offset += length;
        }
        if (fields.Count == 0) throw Invalid("it has no fields");
        if (offset != recordLength) throw Invalid($"the fields add up to {offset} bytes but records are {recordLength} bytes");
        var needed = headerLength + (long)recordCount * recordLength;
        if (stream.Length < needed)
            throw Invalid($"the header announces {recordCount:N0} records of {recordLength} bytes, " +
                $"but the file ends after {(stream.Length - headerLength) / recordLength:N0}: it is truncated");
        stream.Position = headerLength;
        return new DbfTable(stream, fileName, fields, (int)recordCount, recordLength, header[29]);
    }

    /// <summary>Decodes the field names in the table's encoding (non-ASCII names are kept) and uses it for every value.</summary>
    public void UseEncoding(Encoding textEncoding)
    {
        encoding = textEncoding;
        foreach (var field in Fields) field.Name = DecodeName(field);
    }

    private string DecodeName(DbfField field)
    {
        try
        {
            return encoding.GetString(field.RawName).Trim();
        }
        catch (DecoderFallbackException)
        {
            throw new ImportException(ImportErrors.EncodingMismatch,
                $"{fileName}: a field name is not valid {encoding.WebName} text, so the encoding is wrong; " +
                $"name the right one with {ImportOption.Encoding} (e.g. {ImportOption.Encoding} CP1256).");
        }
    }

    public bool Read()
    {
        if (read >= RecordCount) return false;
        stream.ReadExactly(record);
        read++;
        return true;
    }

    /// <summary>The value of a field in the current record: string, long, double, DateOnly, bool or null; throws <see cref="DbfValueException"/>.</summary>
    public object? Value(int index)
    {
        var field = Fields[index];
        var bytes = record.AsSpan(field.Offset, field.Length);
        switch (field.Type)
        {
            case 'C':
                return Text(bytes, field);
            case 'N' or 'F':
                bytes = bytes.Trim((byte)' ').Trim((byte)0);
                if (bytes.IsEmpty || bytes[0] == (byte)'*') return null;
                if (field.Decimals == 0 && Utf8Parser.TryParse(bytes, out long integer, out var used) && used == bytes.Length) return integer;
                if (Utf8Parser.TryParse(bytes, out double number, out used, 'G') && used == bytes.Length) return number;
                if (Utf8Parser.TryParse(bytes, out number, out used, 'E') && used == bytes.Length) return number;
                throw new DbfValueException(field.Name, $"'{Encoding.ASCII.GetString(bytes)}' is not a number");
            case 'D':
                bytes = bytes.Trim((byte)' ').Trim((byte)0);
                if (bytes.IsEmpty || bytes.SequenceEqual("00000000"u8)) return null;
                var text = Encoding.ASCII.GetString(bytes);
                return DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date : throw new DbfValueException(field.Name, $"'{text}' is not a dBASE date (YYYYMMDD)");
            default:
                return bytes[0] switch
                {
                    (byte)'T' or (byte)'t' or (byte)'Y' or (byte)'y' => true,
                    (byte)'F' or (byte)'f' or (byte)'N' or (byte)'n' => false,
                    _ => null,
                };
        }
    }

    private string? Text(ReadOnlySpan<byte> bytes, DbfField field)
    {
        bytes = bytes.TrimEnd((byte)' ').TrimEnd((byte)0).TrimStart((byte)' ');
        if (bytes.IsEmpty) return null;
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // A writer that cuts UTF-8 text at the field width can split the last character: drop the broken tail.
            for (var cut = 1; cut <= 3 && cut < bytes.Length; cut++)
            {
                try { return encoding.GetString(bytes[..^cut]); }
                catch (DecoderFallbackException) { }
            }
            throw new ImportException(ImportErrors.EncodingMismatch,
                $"{fileName}: record {read}, field '{field.Name}' is not valid {encoding.WebName} text, so the encoding is wrong; " +
                $"name the right one with {ImportOption.Encoding} (e.g. {ImportOption.Encoding} CP1256).");
        }
    }

    public void Dispose() => stream.Dispose();
}

public sealed class DbfField(byte[] rawName, char type, int length, int decimals, int offset)
{
    public byte[] RawName { get; } = rawName;
    /// <summary>Decoded in the table's encoding by <see cref="DbfTable.UseEncoding"/>; ASCII until then.</summary>
    public string Name { get; set; } = Encoding.ASCII.GetString(rawName);
    public char Type { get; } = type;
    public int Length { get; } = length;
    public int Decimals { get; } = decimals;
    public int Offset { get; } = offset;
}

/// <summary>A value that cannot be read; reported for its record, which is then not imported.</summary>
public sealed class DbfValueException(string field, string reason) : Exception($"field '{field}': {reason}");
