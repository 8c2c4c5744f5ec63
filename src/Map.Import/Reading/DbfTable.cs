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
    /// <summary>Records are read many at a time into this buffer, straight from the file (pread): see <see cref="Read"/>.</summary>
    private readonly byte[] records;
    private readonly int recordLength;
    private long nextOffset;
    private int buffered, current = -1;
    private int recordStart;
    private readonly string fileName;
    private Encoding encoding = Encoding.UTF8;
    private bool utf8 = true;
    private byte[][] transcoded = [];
    private int read;

    public IReadOnlyList<DbfField> Fields { get; }
    public int RecordCount { get; }
    public byte LanguageDriver { get; }
    /// <summary>True when the current record carries the DBF deletion mark.</summary>
    public bool Deleted => records[recordStart] == (byte)'*';

    private DbfTable(FileStream stream, string fileName, List<DbfField> fields, int recordCount, int recordLength, byte languageDriver)
    {
        this.stream = stream;
        this.fileName = fileName;
        Fields = fields;
        RecordCount = recordCount;
        LanguageDriver = languageDriver;
        this.recordLength = recordLength;
        records = new byte[Math.Max(1, (1 << 20) / recordLength) * recordLength];
        nextOffset = stream.Position;
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
        utf8 = textEncoding.CodePage == 65001;
        transcoded = new byte[Fields.Count][];
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

    /// <remarks>
    /// Reads a megabyte of records at a time, one system call, and leaves each record where it was read, so that its
    /// text can go on as UTF-8 without a copy (<see cref="Utf8"/>) until the next record is read.
    /// </remarks>
    public bool Read()
    {
        if (read >= RecordCount) return false;
        if (++current == buffered)
        {
            var count = Math.Min(records.Length / recordLength, RecordCount - read);
            var bytes = records.AsSpan(0, count * recordLength);
            for (var filled = 0; filled < bytes.Length;)
            {
                var got = RandomAccess.Read(stream.SafeFileHandle, bytes[filled..], nextOffset + filled);
                if (got == 0) throw new EndOfStreamException();
                filled += got;
            }
            nextOffset += bytes.Length;
            (buffered, current) = (count, 0);
        }
        recordStart = current * recordLength;
        read++;
        return true;
    }

    /// <summary>The value of a field in the current record: string, long, double, DateOnly, bool or null; throws <see cref="DbfValueException"/>.</summary>
    public object? Value(int index)
    {
        var field = Fields[index];
        var bytes = records.AsSpan(recordStart + field.Offset, field.Length);
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

    /// <summary>
    /// The text of a character field as UTF-8, checked as strictly as <see cref="Value"/> decodes it; null when empty.
    /// In a UTF-8 table these are the record's own bytes (valid until the next <see cref="Read"/>): no string is made.
    /// </summary>
    public ReadOnlyMemory<byte>? Utf8(int index)
    {
        var field = Fields[index];
        var bytes = Trimmed(records.AsMemory(recordStart + field.Offset, field.Length));
        if (bytes.IsEmpty) return null;
        if (utf8)
        {
            // A writer that cuts UTF-8 text at the field width can split the last character: drop the broken tail.
            for (var cut = 0; cut <= 3 && cut < bytes.Length; cut++)
                if (System.Text.Unicode.Utf8.IsValid(bytes.Span[..^cut])) return bytes[..^cut];
            throw Mismatch(field);
        }
        var text = Text(bytes.Span, field)!;
        var buffer = transcoded[index] ??= new byte[Encoding.UTF8.GetMaxByteCount(field.Length)];
        return buffer.AsMemory(0, Encoding.UTF8.GetBytes(text, buffer));
    }

    /// <summary>
    /// A field holding a plain day — YYYY-MM-DD text or a dBASE date — read without making a string; null for anything
    /// else (empty, or another form), which <see cref="Value"/> and the date parsing then handle.
    /// </summary>
    public DateOnly? IsoDay(int index)
    {
        var field = Fields[index];
        var bytes = Trimmed(records.AsMemory(recordStart + field.Offset, field.Length)).Span;
        var (year, month, day) = field.Type switch
        {
            'C' when bytes.Length == 10 && bytes[4] == (byte)'-' && bytes[7] == (byte)'-' => (Digits(bytes[..4]), Digits(bytes[5..7]), Digits(bytes[8..])),
            'D' when bytes.Length == 8 => (Digits(bytes[..4]), Digits(bytes[4..6]), Digits(bytes[6..])),
            _ => (-1, -1, -1),
        };
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    /// <summary>A plain decimal number (0.42) in a character or numeric field, read without making a string; null for anything else.</summary>
    public double? Fraction(int index)
    {
        var field = Fields[index];
        var bytes = Trimmed(records.AsMemory(recordStart + field.Offset, field.Length)).Span;
        return !bytes.IsEmpty && bytes[0] is >= (byte)'0' and <= (byte)'9'
            && Utf8Parser.TryParse(bytes, out double value, out var used) && used == bytes.Length ? value : null;
    }

    /// <summary>The number the ASCII digits make; -1 if any is not a digit.</summary>
    private static int Digits(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9') return -1;
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private static ReadOnlyMemory<byte> Trimmed(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        var end = span.LastIndexOfAnyExcept((byte)' ', (byte)0) + 1;
        var start = span[..end].IndexOfAnyExcept((byte)' ');
        return start < 0 ? ReadOnlyMemory<byte>.Empty : bytes[start..end];
    }

    private ImportException Mismatch(DbfField field) => new(ImportErrors.EncodingMismatch,
        $"{fileName}: record {read}, field '{field.Name}' is not valid {encoding.WebName} text, so the encoding is wrong; " +
        $"name the right one with {ImportOption.Encoding} (e.g. {ImportOption.Encoding} CP1256).");

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
            throw Mismatch(field);
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
