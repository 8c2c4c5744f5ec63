namespace Map.UnitTests.Geodata;

/// <summary>Dataset checks collect every offending record first, so one failing run lists all of them, one per line.</summary>
public static class Problems
{
    public static void None(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, $"{list.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, list)}");
    }
}
