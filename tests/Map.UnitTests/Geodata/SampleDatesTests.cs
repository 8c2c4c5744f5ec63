using System.Globalization;
using Map.Data.Model;
using Map.Data.Queries;

namespace Map.UnitTests.Geodata;

/// <summary>
/// Acceptance of the dataset: on the four sample dates the map shows, for key sites, what the cited sources say.
/// Every row names the record's own sources that decide it (full titles and URLs are in geodata/layers/*.geojson).
/// "Present" is ValidTime.On(date).Contains(valid_from, valid_to), the same rule the API uses for ?at=date.
/// </summary>
public sealed class SampleDatesTests
{
    private static readonly DateOnly Jun2018 = new(2018, 6, 1);
    private static readonly DateOnly Jan2020 = new(2020, 1, 1);
    private static readonly DateOnly Jan2023 = new(2023, 1, 1);
    private static readonly DateOnly Jun2025 = new(2025, 6, 1);

    public static TheoryData<string, DateOnly, bool> Expectations => new()
    {
        // Russia at Qamishli airport: helicopters moved in on 14 Nov 2019 (The Defense Post, Al-Masdar, 14 Nov 2019);
        // still there in 2025; AFP saw the last Russian plane leave on 27 Jan 2026 (Shafaq, Reuters via RBC-Ukraine, AFP).
        { "russia-qamishli-airport", Jun2018, false },
        { "russia-qamishli-airport", Jan2020, true },
        { "russia-qamishli-airport", Jan2023, true },
        { "russia-qamishli-airport", Jun2025, true },
        // The Assad government's garrison at the same airport ends with the fall of the government on 8 Dec 2024.
        { "syrian-government-qamishli-airport", Jan2023, true },
        { "syrian-government-qamishli-airport", Jun2025, false },

        // US at Al-Tanf: from the New Syrian Army's capture in early March 2016 (Wikipedia) until the handover
        // confirmed by CENTCOM on 12 Feb 2026 (Reuters via Devdiscourse); the 55 km zone lasts as long.
        { "us-al-tanf-garrison", Jun2018, true },
        { "us-al-tanf-garrison", Jan2020, true },
        { "us-al-tanf-garrison", Jan2023, true },
        { "us-al-tanf-garrison", Jun2025, true },
        { "zone-al-tanf-55km", Jun2018, true },
        { "zone-al-tanf-55km", Jun2025, true },

        // US airfield at Sarrin south of Kobani: first C-17 in Dec 2016 (CENTCOM via Stars and Stripes/AFP, Apr 2017);
        // last US troops left on 14 Nov 2019 and Russian military police took it over (Kurdistan 24; TASS, 15 Nov 2019).
        { "us-sarrin-kobani-airfield", Jun2018, true },
        { "us-sarrin-kobani-airfield", Jan2020, false },
        { "russia-kobani-airfield", Jun2018, false },
        { "russia-kobani-airfield", Jan2020, true },
        // North Press (via Kurdistan 24, 11 Apr 2022) still places Russian vehicles at Sirrin.
        { "russia-kobani-airfield", Jan2023, true },

        // Lafarge cement plant: coalition base reported by Le Monde (June 2016); struck by US F-15Es on 16 Oct 2019
        // after the evacuation (CJTF-OIR via Connecting Vets and The War Zone).
        { "us-lafarge-cement-plant", Jun2018, true },
        { "us-lafarge-cement-plant", Jan2020, false },

        // Tabqa airbase: US-used from mid-2017, left in mid-Oct 2019; Syrian army in from 17 Oct and Russian units
        // from 22 Oct 2019 (sources in the records); both gone after Dec 2024 (government fell 8 Dec; Russia pulled
        // back from the north, Reuters 14 Dec 2024 — an inferred end, marked validToBasis 'inferred').
        { "us-tabqa-airbase", Jun2018, true },
        { "us-tabqa-airbase", Jan2020, false },
        { "russia-tabqa-airbase", Jan2020, true },
        { "russia-tabqa-airbase", Jan2023, true },
        { "russia-tabqa-airbase", Jun2025, false },

        // Manbij: Russian forces entered the base the US left on 15 Oct 2019; the SNA took the city on 8–9 Dec 2024
        // (Syrian Observer; Turkish sources via Shafaq).
        { "russia-manbij-former-us-base", Jun2018, false },
        { "russia-manbij-former-us-base", Jan2020, true },
        { "sna-manbij", Jan2023, false },
        { "sna-manbij", Jun2025, true },

        // US oil-field bases: Conoco attested from the Khasham battle (7 Feb 2018); Green Village/al-Omar from Oct 2019
        // (The War Zone); closures reported done by 2 Jun 2025 (NYT via Stars and Stripes; Fox/Al Arabiya via Mehr),
        // so both are still shown on 1 Jun 2025.
        { "us-conoco-mss-euphrates", Jun2018, true },
        { "us-conoco-mss-euphrates", Jun2025, true },
        { "us-green-village-al-omar", Jan2023, true },
        // Qasrak: SOHR reported 500 US troops arriving on 28 Oct 2019; convoys left it for Iraq on 23 Feb 2026 (AFP, Reuters).
        { "us-qasrak", Jan2020, true },
        { "us-qasrak", Jun2025, true },
        // Russian observation point at the northern entrance of Tal Tamr: 70–80 military police settled there
        // (Anadolu via Middle East Monitor, 20 Dec 2019); end inferred from Reuters (14 Dec 2024), as for Tabqa.
        { "russia-tal-tamr-observation-point", Jun2018, false },
        { "russia-tal-tamr-observation-point", Jan2020, true },
        { "russia-tal-tamr-observation-point", Jun2025, false },
        // Turkish base at Saida north of Ain Issa: construction began by 20 Nov 2020 (Rossa Primavera via EOT).
        { "turkey-saida-north-ain-issa-base", Jan2020, false },
        { "turkey-saida-north-ain-issa-base", Jan2023, true },

        // Zones: Peace Spring area from 9 Oct 2019 (The Defense Post); the coarse SDF-held area after Peace Spring
        // ends when Manbij fell (Dec 2024), replaced by the smaller area that lasts to the 18 Jan 2026 ceasefire.
        { "zone-peace-spring-area", Jun2018, false },
        { "zone-peace-spring-area", Jan2020, true },
        { "zone-sdf-area-2019-10", Jan2023, true },
        { "zone-sdf-area-2019-10", Jun2025, false },
        { "zone-sdf-area-2024-12", Jun2025, true },
        // Afrin taken on 18 Mar 2018 (AA via World Wide News); Euphrates Shield declared complete on 29 Mar 2017.
        { "zone-olive-branch-afrin", Jun2018, true },
        { "zone-euphrates-shield-area", Jun2018, true },

        // Turkish observation posts in Idlib/Hama listed on 9 May 2018 (Suriye Gündemi); Morek evacuated from
        // 19–20 Oct 2020 (Reuters via Tasnim, Al-Masdar), Tal Tuqan completed on 12 Jan 2021 (Ruptly via SouthFront).
        { "turkey-op-morek", Jun2018, true },
        { "turkey-op-morek", Jan2020, true },
        { "turkey-op-morek", Jan2023, false },
        { "turkey-op-tal-tuqan", Jan2020, true },
        { "turkey-op-tal-tuqan", Jan2023, false },

        // Israel on the Syrian side of Mount Hermon from 8 Dec 2024 (sources in the record).
        { "israel-mount-hermon", Jan2023, false },
        { "israel-mount-hermon", Jun2025, true },
    };

    [Theory]
    [MemberData(nameof(Expectations))]
    public void AKeySiteIsShownOnASampleDateExactlyWhenItsSourcesSaySo(string id, DateOnly date, bool present)
    {
        var record = Record(id);
        Assert.True(present == ValidTime.On(date).Contains(record.ValidFrom, record.ValidTo),
            $"{id} on {date:yyyy-MM-dd}: expected {(present ? "present" : "absent")}, " +
            $"record runs {record.ValidFrom:yyyy-MM-dd}..{record.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "open"}");
    }

    [Theory]
    // Before Oct 2019 only coalition bases are recorded here (Russian/Wagner presence on the Deir ez-Zor west bank,
    // e.g. Khasham 2018, has no base record).
    [InlineData("2018-06-01", new[] { "us-coalition" }, new[] { "russia" })]
    // From Oct 2019 Russia and the Syrian army deployed under the SDF and Sochi deals (Qamishli, Tabqa, Manbij, Kobani).
    [InlineData("2020-01-01", new[] { "us-coalition", "russia", "syrian-government" }, new string[0])]
    [InlineData("2023-01-01", new[] { "us-coalition", "russia", "syrian-government" }, new string[0])]
    // 2025: the Assad army is gone (8 Dec 2024); Russia still at Qamishli until Jan 2026 (AFP); the SNA holds Manbij.
    [InlineData("2025-06-01", new[] { "us-coalition", "russia", "turkish-backed-opposition" }, new[] { "syrian-government" })]
    public void TheNortheastShowsTheForcesWithBasesThereOnEachSampleDate(string day, string[] shown, string[] notShown)
    {
        var date = DateOnly.Parse(day, CultureInfo.InvariantCulture);
        var actors = GeodataRecords.Presence
            .Where(f => f.LayerId == "bases" && (string?)f.Properties["region"] == "northeast")
            .Where(f => ValidTime.On(date).Contains(f.ValidFrom, f.ValidTo))
            .Select(f => f.ActorId)
            .ToHashSet();
        Assert.All(shown, a => Assert.Contains(a, actors));
        Assert.All(notShown, a => Assert.DoesNotContain(a, actors));
    }

    [Fact]
    public void AHandoverHasTheNewHolderStartNoEarlierThanTheOldHolderStarted()
    {
        var byId = GeodataRecords.Presence.ToDictionary(f => f.Id);
        Assert.All(GeodataRecords.Presence.Where(f => f.PredecessorId is not null), f =>
        {
            Assert.True(byId.TryGetValue(f.PredecessorId!, out var old), $"{f.Id}: unknown predecessor '{f.PredecessorId}'");
            Assert.True(old!.ValidFrom <= f.ValidFrom, $"{f.Id} starts before its predecessor {old.Id}");
        });
    }

    private static Feature Record(string id) =>
        GeodataRecords.Presence.SingleOrDefault(f => f.Id == id) ?? throw new InvalidOperationException($"no record '{id}' in geodata/");
}
