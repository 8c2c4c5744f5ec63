using System.Globalization;
using System.Text;
using Map.Data.Queries;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Map.Web.Filtering;

/// <summary>
/// CQL2 text (OGC 21-065r2): basic CQL2 (comparisons, AND/OR/NOT, IS NULL), LIKE/BETWEEN/IN, S_INTERSECTS with
/// WKT or BBOX literals and T_INTERSECTS with DATE/TIMESTAMP/INTERVAL. A recursive-descent parser over characters;
/// keywords are case-insensitive, property names are not.
/// </summary>
public sealed class Cql2TextParser
{
    private static readonly string[] WktTypes =
        ["POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"];

    private readonly string text;
    private readonly FilterTerms terms;
    private int position;
    private int depth;

    private Cql2TextParser(string text, FilterTerms terms) => (this.text, this.terms) = (text, terms);

    public static FilterExpression Parse(string text, FilterTerms terms)
    {
        var parser = new Cql2TextParser(text, terms);
        var expression = parser.BooleanExpression();
        parser.SkipSpace();
        if (parser.position < text.Length) throw parser.Error("Unexpected text");
        return expression;
    }

    private FilterExpression BooleanExpression()
    {
        var operands = new List<FilterExpression> { BooleanTerm() };
        while (TryKeyword("OR")) operands.Add(BooleanTerm());
        return FilterTerms.Or(operands);
    }

    private FilterExpression BooleanTerm()
    {
        var operands = new List<FilterExpression> { BooleanFactor() };
        while (TryKeyword("AND")) operands.Add(BooleanFactor());
        return FilterTerms.And(operands);
    }

    private FilterExpression BooleanFactor() => TryKeyword("NOT") ? FilterTerms.Not(BooleanPrimary()) : BooleanPrimary();

    private FilterExpression BooleanPrimary()
    {
        SkipSpace();
        if (TrySymbol("("))
        {
            // Each level of parentheses is four frames of recursion: the limit keeps the stack safe.
            FilterTerms.CheckNesting(++depth);
            var inner = BooleanExpression();
            Expect(")");
            depth--;
            return inner;
        }
        if (TryKeyword("S_INTERSECTS"))
        {
            Expect("(");
            var left = SpatialOperand();
            Expect(",");
            var right = SpatialOperand();
            Expect(")");
            return terms.SpatialIntersects(left, right);
        }
        if (TryKeyword("T_INTERSECTS"))
        {
            Expect("(");
            var left = TemporalOperand();
            Expect(",");
            var right = TemporalOperand();
            Expect(")");
            return FilterTerms.TemporalIntersects(left, right);
        }
        return Predicate();
    }

    private FilterExpression Predicate()
    {
        var left = Scalar();
        if (TryKeyword("IS"))
        {
            var negated = TryKeyword("NOT");
            ExpectKeyword("NULL");
            var isNull = new IsNullExpression(left);
            return negated ? FilterTerms.Not(isNull) : isNull;
        }
        var not = TryKeyword("NOT");
        if (PeekKeyword("ILIKE")) throw FilterTerms.NotSupported("ILIKE");
        FilterExpression? advanced = null;
        if (TryKeyword("LIKE")) advanced = FilterTerms.Like(left, Scalar());
        else if (TryKeyword("BETWEEN"))
        {
            var low = Scalar();
            ExpectKeyword("AND");
            advanced = FilterTerms.Between(left, low, Scalar());
        }
        else if (TryKeyword("IN"))
        {
            Expect("(");
            var list = new List<ScalarOperand> { Scalar() };
            while (TrySymbol(",")) list.Add(Scalar());
            Expect(")");
            advanced = FilterTerms.In(left, list);
        }
        if (advanced is not null) return not ? FilterTerms.Not(advanced) : advanced;
        if (not) throw Error("Expected LIKE, BETWEEN or IN after NOT");

        SkipSpace();
        ComparisonOperator? op =
            TrySymbol("<>") ? ComparisonOperator.NotEqual :
            TrySymbol("<=") ? ComparisonOperator.LessOrEqual :
            TrySymbol(">=") ? ComparisonOperator.GreaterOrEqual :
            TrySymbol("=") ? ComparisonOperator.Equal :
            TrySymbol("<") ? ComparisonOperator.Less :
            TrySymbol(">") ? ComparisonOperator.Greater : null;
        if (op is null) throw Error("Expected a comparison operator (=, <>, <, <=, >, >=), LIKE, BETWEEN, IN or IS NULL");
        return FilterTerms.Comparison(op.Value, left, Scalar());
    }

    private ScalarOperand Scalar()
    {
        SkipSpace();
        if (Peek() == '\'') return FilterTerms.Text(StringLiteral());
        if (Peek() is '-' or '+' or '.' || char.IsAsciiDigit(Peek())) return new LiteralOperand(NumberLiteral());
        if (TryKeyword("TRUE")) return new LiteralOperand(true);
        if (TryKeyword("FALSE")) return new LiteralOperand(false);
        if (TryKeyword("DATE")) return new LiteralOperand(FilterTerms.ParseDate(Parenthesised()));
        if (TryKeyword("TIMESTAMP")) return new LiteralOperand(FilterTerms.ParseTimestamp(Parenthesised()));
        var name = Identifier();
        // A name followed by '(' is a function call: T_BEFORE, CASEI, S_WITHIN... are not properties.
        if (TrySymbol("(")) throw FilterTerms.NotSupported(name);
        return FilterTerms.Property(name);
    }

    /// <summary>Returns the property name (string) or a geometry literal.</summary>
    private object SpatialOperand()
    {
        SkipSpace();
        if (TryKeyword("BBOX"))
        {
            Expect("(");
            var numbers = new List<double> { NumberLiteral() };
            while (TrySymbol(",")) numbers.Add(NumberLiteral());
            Expect(")");
            if (numbers.Count is not (4 or 6)) throw Error("BBOX takes 4 (or 6) numbers");
            var (minX, minY, maxX, maxY) = numbers.Count == 4
                ? (numbers[0], numbers[1], numbers[2], numbers[3])
                : (numbers[0], numbers[1], numbers[3], numbers[4]);
            if (minX > maxX || minY > maxY) throw Error("BBOX minimum is greater than its maximum");
            return new GeometryFactory().ToGeometry(new Envelope(minX, maxX, minY, maxY));
        }
        foreach (var type in WktTypes)
            if (PeekKeyword(type)) return WktLiteral();
        return Identifier();
    }

    private TemporalTerm TemporalOperand()
    {
        SkipSpace();
        if (TryKeyword("DATE")) return FilterTerms.Instant(FilterTerms.ParseDate(Parenthesised()));
        if (TryKeyword("TIMESTAMP")) return FilterTerms.Instant(FilterTerms.ParseTimestamp(Parenthesised()));
        if (TryKeyword("INTERVAL"))
        {
            Expect("(");
            var start = IntervalBound();
            Expect(",");
            var end = IntervalBound();
            Expect(")");
            return FilterTerms.Interval(start, end);
        }
        return FilterTerms.TemporalProperty(Identifier());
    }

    private IntervalBound IntervalBound()
    {
        SkipSpace();
        if (Peek() != '\'')
        {
            if (TryKeyword("DATE")) return new IntervalBound(null, FilterTerms.ParseDate(Parenthesised()));
            if (TryKeyword("TIMESTAMP")) return new IntervalBound(null, FilterTerms.ParseTimestamp(Parenthesised()));
            return new IntervalBound(Identifier(), null);
        }
        var value = StringLiteral();
        if (value == "..") return new IntervalBound(null, null);
        return new IntervalBound(null, FilterTerms.ParseDay(value));
    }

    private Geometry WktLiteral()
    {
        var start = position;
        while (position < text.Length && text[position] != '(') position++;
        var (open, deepest) = (0, 0);
        for (; position < text.Length; position++)
        {
            if (text[position] == '(') deepest = Math.Max(deepest, ++open);
            else if (text[position] == ')' && --open == 0) { position++; break; }
        }
        if (open != 0) throw Error("Unbalanced parentheses in the geometry literal");
        // The WKT reader recurses into nested collections: the same limit as for the filter keeps it safe.
        FilterTerms.CheckNesting(deepest);
        try
        {
            return new WKTReader().Read(text[start..position]);
        }
        catch (Exception e) when (e is ParseException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw FilterTerms.Invalid($"Invalid WKT geometry at character {start + 1}: {e.Message}");
        }
    }

    private string Parenthesised()
    {
        Expect("(");
        SkipSpace();
        var value = StringLiteral();
        Expect(")");
        return value;
    }

    private string StringLiteral()
    {
        SkipSpace();
        if (Peek() != '\'') throw Error("Expected a quoted string");
        position++;
        var value = new StringBuilder();
        while (true)
        {
            if (position >= text.Length) throw Error("Unterminated string");
            var c = text[position++];
            if (c != '\'') { value.Append(c); continue; }
            if (Peek() == '\'') { value.Append('\''); position++; continue; }
            return value.ToString();
        }
    }

    private double NumberLiteral()
    {
        SkipSpace();
        var start = position;
        if (Peek() is '-' or '+') position++;
        while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] is '.' or 'e' or 'E'
               || (text[position] is '-' or '+' && text[position - 1] is 'e' or 'E'))) position++;
        if (!double.TryParse(text.AsSpan(start, position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            position = start;
            throw Error("Expected a number");
        }
        if (!double.IsFinite(value)) throw Error("The number is out of range");
        return value;
    }

    private string Identifier()
    {
        SkipSpace();
        if (Peek() == '"')
        {
            var end = text.IndexOf('"', position + 1);
            if (end < 0) throw Error("Unterminated quoted property name");
            var quoted = text[(position + 1)..end];
            position = end + 1;
            return quoted;
        }
        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '_' or ':' or '.')) position++;
        if (position == start) throw Error("Expected a property name or a value");
        return text[start..position];
    }

    private void SkipSpace()
    {
        while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
    }

    private char Peek() => position < text.Length ? text[position] : '\0';

    private bool TrySymbol(string symbol)
    {
        SkipSpace();
        if (string.CompareOrdinal(text, position, symbol, 0, symbol.Length) != 0) return false;
        position += symbol.Length;
        return true;
    }

    private void Expect(string symbol)
    {
        if (!TrySymbol(symbol)) throw Error($"Expected '{symbol}'");
    }

    private bool PeekKeyword(string keyword)
    {
        SkipSpace();
        var end = position + keyword.Length;
        return end <= text.Length
            && string.Compare(text, position, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0
            && (end == text.Length || !(char.IsLetterOrDigit(text[end]) || text[end] == '_'));
    }

    private bool TryKeyword(string keyword)
    {
        if (!PeekKeyword(keyword)) return false;
        position += keyword.Length;
        return true;
    }

    private void ExpectKeyword(string keyword)
    {
        if (!TryKeyword(keyword)) throw Error($"Expected {keyword}");
    }

    private Items.InvalidParameterException Error(string what) =>
        FilterTerms.Invalid($"{what} at character {position + 1} of the CQL2 text.");
}
