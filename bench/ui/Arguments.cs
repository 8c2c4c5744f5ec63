namespace Map.Bench.Ui;

public static class Arguments
{
    public static int Int(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0) return fallback;
        if (at + 1 >= args.Length || !int.TryParse(args[at + 1], out var value) || value <= 0)
            throw new ArgumentException($"{name} needs a positive whole number");
        return value;
    }
}
