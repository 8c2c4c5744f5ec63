namespace Map.UnitTests.Geodata;

/// <summary>Encounters between forces name every force involved in `parties`, with actor ids from actors.json.</summary>
public sealed class EncounterChecks
{
    private static readonly HashSet<string> InvolvingSeveral = ["encounter", "collision", "stand-off", "clash"];

    private static readonly HashSet<string> ActorIds =
        GeodataRecords.Files.ReadActors().Select(a => a.Id).Where(id => id != "multiple").ToHashSet();

    [Fact]
    public void EveryEncounterBetweenForcesNamesAtLeastTwoKnownParties() =>
        Problems.None(
            from f in GeodataRecords.Presence
            where InvolvingSeveral.Contains(f.Kind) || f.ActorId == "multiple"
            let parties = f.Parties
            where parties.Count < 2 || parties.Distinct().Count() != parties.Count
                || (f.ActorId != "multiple" && !parties.Contains(f.ActorId!))
            select $"{f.Id} ({f.ActorId}): parties [{string.Join(", ", parties)}]; name every force involved, once, including the actor");

    [Fact]
    public void PartiesAreOnlyGivenAsActorIds() =>
        Problems.None(
            from f in GeodataRecords.Presence
            from p in f.Parties
            where !ActorIds.Contains(p)
            select $"{f.Id}: party '{p}' is not an actor id");

    /// <summary>US statement (NSC, 26 Aug 2020) and the Russian MoD's reply: a coalition patrol and a Russian patrol.</summary>
    [Fact]
    public void TheDayrikCollisionOf25August2020IsBetweenTheCoalitionAndRussia()
    {
        var collision = GeodataRecords.Presence.Single(f => f.Id == "enc-2020-08-25-dayrik-collision");
        Assert.Equal(["russia", "us-coalition"], collision.Parties.Order(StringComparer.Ordinal));
        Assert.Equal(new DateOnly(2020, 8, 25), collision.ValidFrom);
    }
}
