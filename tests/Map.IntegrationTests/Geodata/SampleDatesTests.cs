using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Map.Testing;

namespace Map.IntegrationTests.Geodata;

/// <summary>
/// The real dataset (geodata/) seeded into one app, shared by the sample-date tests: they ask the API the users call,
/// <c>GET /collections/{layer}/items?datetime=D&amp;limit=10000</c>, so the present-on-date rule is the server's own.
/// Each (layer, date) answer is fetched once.
/// </summary>
public sealed class SampleDatesFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Task<IReadOnlyList<JsonObject>>> _pages = new(StringComparer.Ordinal);

    public MapApplication App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await MapApplication.StartAsync("sampledates", MapApplication.RepositoryGeodata);
        Client = App.CreateClient();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>The features of a layer the API shows on a date.</summary>
    public Task<IReadOnlyList<JsonObject>> FeaturesOn(string layer, string date) =>
        _pages.GetOrAdd($"{layer}|{date}", _ => Fetch($"/collections/{layer}/items?datetime={date}&limit=10000"));

    /// <summary>Whether the layer holds the record at all (so that "absent on a date" cannot pass on a misspelt id).</summary>
    public async Task<bool> Exists(string layer, string id) =>
        (await Client.GetAsync($"/collections/{layer}/items/{Uri.EscapeDataString(id)}")).IsSuccessStatusCode;

    private async Task<IReadOnlyList<JsonObject>> Fetch(string path)
    {
        var response = await Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        var page = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Null(page["links"]!.AsArray().FirstOrDefault(l => (string?)l!["rel"] == "next")); // one page holds the whole layer
        return page["features"]!.AsArray().Select(f => f!.AsObject()).ToList();
    }
}

[CollectionDefinition(Name)]
public sealed class SampleDatesCollection : ICollectionFixture<SampleDatesFixture>
{
    public const string Name = "sampledates";
}

/// <summary>
/// Acceptance of the dataset: on the sample dates the map shows, for key sites and areas, what the cited sources say.
/// Every row names the sources that decide it (full titles and URLs are in the records, geodata/layers/*.geojson).
/// </summary>
[Collection(SampleDatesCollection.Name)]
public sealed class SampleDatesTests(SampleDatesFixture api)
{
    private const string Jun2018 = "2018-06-01";
    private const string Jan2020 = "2020-01-01";
    private const string Jan2023 = "2023-01-01";
    private const string Mar2025 = "2025-03-15";
    private const string Jun2025 = "2025-06-01";
    private const string Jan2026 = "2026-01-15";
    private const string Jun2026 = "2026-06-01";

    public static TheoryData<string, string, string, bool> Expectations => new()
    {
        // Russia at Qamishli airport: helicopters moved in on 14 Nov 2019 (The Defense Post, Al-Masdar); Russian units began leaving
        // on about 24 Jan 2026 and AFP saw the last plane leave on 27 Jan 2026 (AFP; AP via Al-Shorouk; Reuters via Swissinfo).
        { "bases", "russia-qamishli-airport", Jun2018, false },
        { "bases", "russia-qamishli-airport", Jan2020, true },
        { "bases", "russia-qamishli-airport", Jan2023, true },
        { "bases", "russia-qamishli-airport", Jun2025, true },
        { "bases", "russia-qamishli-airport", Jan2026, true },
        { "bases", "russia-qamishli-airport", Jun2026, false },
        // The Assad government's garrison at the same airport ends with the fall of the government on 8 Dec 2024 (ABC; AFP via CNA).
        { "bases", "syrian-government-qamishli-airport", Jan2023, true },
        { "bases", "syrian-government-qamishli-airport", Jun2025, false },
        // Hmeimim: Russia's air campaign from 30 Sep 2015 (AFP); Reuters' sources (26 Jan 2026) expected Moscow to keep it.
        { "bases", "russia-hmeimim-air-base", Jun2018, true },
        { "bases", "russia-hmeimim-air-base", Jun2026, true },

        // Al-Tanf: US-backed rebels took the crossing on 4 Mar 2016 (Reuters); CENTCOM: US departure completed on 11 Feb 2026,
        // Syrian government forces took over (Shafaq, Kurdistan24, 12 Feb 2026). The 55 km zone lasts as long.
        { "bases", "us-al-tanf-garrison", Jun2018, true },
        { "bases", "us-al-tanf-garrison", Jun2025, true },
        { "bases", "us-al-tanf-garrison", Jan2026, true },
        { "bases", "us-al-tanf-garrison", Jun2026, false },
        { "bases", "stg-al-tanf", Jan2026, false },
        { "bases", "stg-al-tanf", Jun2026, true },
        { "zones", "zone-al-tanf-55km", Jun2018, true },
        { "zones", "zone-al-tanf-55km", Jun2026, false },
        // Tower 22 in Jordan: 350 US troops in Jan 2024 (CENTCOM via ABC); US forces reportedly moved there from al-Tanf (Anadolu, Feb 2026).
        { "bases", "us-tower-22", Jan2023, true },
        { "bases", "us-tower-22", Jun2026, true },
        // Ain al-Asad in Iraq: US team from Nov 2014 (Pentagon via AFP); Iraq took full control on 17 Jan 2026 (Reuters; The Independent).
        { "bases", "us-ain-al-asad", Jan2023, true },
        { "bases", "us-ain-al-asad", Jan2026, true },
        { "bases", "us-ain-al-asad", Jun2026, false },

        // US airfield at Sarrin south of Kobani: first C-17 in Dec 2016 (CENTCOM via Stars and Stripes/AFP, Apr 2017); the last US
        // troops left on 14 Nov 2019 and Russian military police took over (Kurdistan 24; TASS, 15 Nov 2019).
        { "bases", "us-sarrin-kobani-airfield", Jun2018, true },
        { "bases", "us-sarrin-kobani-airfield", Jan2020, false },
        { "bases", "russia-kobani-airfield", Jan2020, true },
        // North Press (via Kurdistan 24, 11 Apr 2022) still places Russian vehicles at Sirrin.
        { "bases", "russia-kobani-airfield", Jan2023, true },
        // The reported 2025 coalition base in Kobani: last report 11 Jan 2025 (Sabah via News.az), never confirmed by the Pentagon.
        { "bases", "us-kobani-2025", Mar2025, false },

        // Lafarge cement plant: coalition base reported in June 2016 (Le Monde); struck by US F-15Es on 16 Oct 2019 after the
        // evacuation (CJTF-OIR via Connecting Vets and The War Zone).
        { "bases", "us-lafarge-cement-plant", Jun2018, true },
        { "bases", "us-lafarge-cement-plant", Jan2020, false },

        // Tabqa airbase: US-used from mid-2017, left in mid-Oct 2019; Russian units from 22 Oct 2019; Russia pulled back from the
        // north after 8 Dec 2024 (Reuters, 14 Dec 2024: an inferred end); government forces took Tabqa on 17 Jan 2026 (AP).
        { "bases", "us-tabqa-airbase", Jun2018, true },
        { "bases", "us-tabqa-airbase", Jan2020, false },
        { "bases", "russia-tabqa-airbase", Jan2023, true },
        { "bases", "russia-tabqa-airbase", Jun2025, false },
        { "bases", "stg-tabqa-airbase", Jan2026, false },
        { "bases", "stg-tabqa-airbase", Jun2026, true },

        // Manbij: Russian forces entered the base the US left on 15 Oct 2019; the SNA took the city on 8-9 Dec 2024 (Shafaq); the
        // factions, the SNA included, agreed to dissolve into the Defence Ministry on 24 Dec 2024 (News.az; ILKHA), which ends the
        // SNA record (inferred) — so it is no longer shown in 2025.
        { "bases", "russia-manbij-former-us-base", Jan2020, true },
        { "bases", "sna-manbij", Jan2023, false },
        { "bases", "sna-manbij", Jun2025, false },

        // US oil-field bases: Conoco attested from the Khasham battle (7 Feb 2018); closures reported done by 2 Jun 2025 (NYT via Stars
        // and Stripes), so still shown on 1 Jun 2025; the SDF held them until the ceasefire of 18 Jan 2026 (AP; AAP).
        { "bases", "us-conoco-mss-euphrates", Jun2018, true },
        { "bases", "us-conoco-mss-euphrates", Jun2025, true },
        { "bases", "sdf-conoco", Jan2026, true },
        { "bases", "stg-conoco", Jun2026, true },
        // Qasrak: 500 US troops arrived on 28 Oct 2019 (SOHR); convoys left it for Iraq on 23 Feb 2026 (AFP, Reuters).
        { "bases", "us-qasrak", Jan2020, true },
        { "bases", "us-qasrak", Jan2026, true },
        { "bases", "us-qasrak", Jun2026, false },
        // Shaddadi: base established in Feb 2017 (Athr Press via the Syrian Observer); handed to government forces on 15 Feb 2026.
        { "bases", "us-shaddadi", Jan2026, true },
        { "bases", "stg-shaddadi", Jun2026, true },
        // Rmelan / Kharab al-Jir: last placed there by Reuters on 23 Feb 2026 (closed on that last report).
        { "bases", "us-rmelan-kharab-al-jir", Jan2026, true },
        { "bases", "us-rmelan-kharab-al-jir", Jun2026, false },
        // Russian observation point at Tal Tamr: from 20 Dec 2019 (Anadolu via Middle East Monitor); end inferred from Reuters (14 Dec 2024).
        { "bases", "russia-tal-tamr-observation-point", Jan2020, true },
        { "bases", "russia-tal-tamr-observation-point", Jun2025, false },
        // Turkish base at Saida north of Ain Issa: reported under construction on 20 Nov 2020 (Rossa Primavera via EOT) and never
        // again, so the record is closed on that last report and not shown in 2023.
        { "bases", "turkey-saida-north-ain-issa-base", Jan2020, false },
        { "bases", "turkey-saida-north-ain-issa-base", Jan2023, false },

        // Turkish observation posts in Idlib/Hama listed on 9 May 2018 (Suriye Gündemi); Morek evacuated from 19-20 Oct 2020
        // (Reuters via Tasnim), Tal Tuqan on 12 Jan 2021 (Ruptly via SouthFront).
        { "bases", "turkey-op-morek", Jun2018, true },
        { "bases", "turkey-op-morek", Jan2023, false },
        { "bases", "turkey-op-tal-tuqan", Jan2020, true },
        { "bases", "turkey-op-tal-tuqan", Jan2023, false },

        // Israel on the Syrian side of Mount Hermon and in the UNDOF area of separation from 8 Dec 2024; still reported in
        // January-February 2026 (TRT citing SANA; Al Jazeera).
        { "bases", "israel-mount-hermon", Jan2023, false },
        { "bases", "israel-mount-hermon", Jun2025, true },
        { "zones", "zone-israel-golan-buffer-zone", Mar2025, true },
        { "zones", "zone-israel-golan-buffer-zone", Jun2026, true },

        // Zones: Peace Spring area from 9 Oct 2019 (The Defense Post); drawn as the transitional authorities' from the factions'
        // agreement of 24 Dec 2024 (inferred end). Afrin taken on 18 Mar 2018 (BBC; EFE).
        { "zones", "zone-peace-spring-area", Jun2018, false },
        { "zones", "zone-peace-spring-area", Jan2020, true },
        { "zones", "zone-peace-spring-area", Mar2025, false },
        { "zones", "zone-olive-branch-afrin", Jun2018, true },

        // Areas of control (coarse): the SDF area after Peace Spring (DoD Lead IG, Nov 2019) until the HTS offensive; the smaller area
        // after the SNA took Manbij (Shafaq, 9 Dec 2024) lasts until the ceasefire of 18 Jan 2026 (AP; AAP); after the SDF left al-Hol
        // on 20 Jan 2026 it held only the Kurdish towns of the Jazira and Kobani (Rojava Information Center, 22 Jan 2026).
        { "control", "control-sdf-2019-10-23", Jan2020, true },
        { "control", "control-sdf-2019-10-23", Jan2023, true },
        { "control", "control-sdf-2024-12-09", Mar2025, true },
        { "control", "control-sdf-2024-12-09", Jan2026, true },
        { "control", "control-sdf-2024-12-09", Jun2026, false },
        { "control", "control-sdf-2026-01-21", Jan2026, false },
        { "control", "control-sdf-2026-01-21", Jun2026, true },
        // ISIS held territory until Baghuz fell on 23 Mar 2019 (AFP via BSS; AP via The Epoch Times).
        { "control", "control-isis-2017-11-09", Jun2018, true },
        { "control", "control-isis-2018-12-14", Jan2020, false },
        // Turkish-held areas: the Peace Spring strip and the west-Euphrates zones (DoD Lead IG, Nov 2019) until 24 Dec 2024.
        { "control", "control-turkey-2019-10-23", Jan2023, true },
        { "control", "control-turkey-2024-12-09", Mar2025, false },
        // Suwayda: left to local Druze factions from 17 Jul 2025 (Syrian Observer, citing the presidency).
        { "control", "control-suwayda-druze-factions-2025-07-17", Mar2025, false },
        { "control", "control-suwayda-druze-factions-2025-07-17", Jun2026, true },
        // The al-Sharaa-Abdi agreement of 10 Mar 2025 (presidency via Reuters; SANA via CGTN) is an event of one day.
        { "encounters", "agr-2025-03-10-sharaa-abdi", "2025-03-10", true },
        { "encounters", "agr-2025-03-10-sharaa-abdi", Mar2025, false },
    };

    [Theory]
    [MemberData(nameof(Expectations))]
    public async Task AKeyRecordIsShownOnASampleDateExactlyWhenItsSourcesSaySo(string layer, string id, string date, bool present)
    {
        Assert.True(await api.Exists(layer, id), $"no record '{id}' in layer '{layer}'");
        var ids = (await api.FeaturesOn(layer, date)).Select(f => (string)f["id"]!).ToHashSet(StringComparer.Ordinal);
        Assert.True(present == ids.Contains(id), $"{id} on {date}: expected {(present ? "present" : "absent")}");
    }

    [Theory]
    // Before Oct 2019 only coalition bases are recorded in the north-east (Russian/Wagner presence on the Deir ez-Zor west bank has
    // no base record then).
    [InlineData(Jun2018, new[] { "us-coalition" }, new[] { "russia", "syrian-government" })]
    // From Oct 2019 Russia and the Syrian army deployed under the SDF and Sochi deals (Qamishli, Tabqa, Manbij, Kobani).
    [InlineData(Jan2020, new[] { "us-coalition", "russia", "syrian-government" }, new string[0])]
    [InlineData(Jan2023, new[] { "us-coalition", "russia", "syrian-government" }, new string[0])]
    // 2025: the Assad army is gone (8 Dec 2024); Russia is still at Qamishli (until Jan 2026, AFP); the SNA factions have merged
    // into the Defence Ministry (24 Dec 2024), so no Turkish-backed base is shown.
    [InlineData(Mar2025, new[] { "us-coalition", "russia" }, new[] { "syrian-government", "turkish-backed-opposition" })]
    [InlineData(Jun2025, new[] { "us-coalition", "russia" }, new[] { "syrian-government", "turkish-backed-opposition" })]
    // Mid-January 2026: the SDF holds the former US oil-field bases (US left them by Jun 2025) until the 18 Jan ceasefire.
    [InlineData(Jan2026, new[] { "us-coalition", "russia", "sdf" }, new[] { "syrian-government" })]
    // June 2026: the coalition has left the north-east (Shaddadi 15 Feb, Qasrak and Rmelan convoys 23 Feb 2026: AFP, Reuters),
    // Russia left Qamishli on 27 Jan 2026 (AFP); the transitional government holds Shaddadi, Tabqa, Conoco and al-Omar.
    [InlineData(Jun2026, new[] { "syrian-transitional-government" }, new[] { "us-coalition", "russia", "sdf" })]
    public async Task TheNortheastShowsTheForcesWithBasesThereOnEachSampleDate(string date, string[] shown, string[] notShown)
    {
        var actors = (await api.FeaturesOn("bases", date))
            .Select(f => f["properties"]!)
            .Where(p => (string?)p["region"] == "northeast")
            .Select(p => (string)p["actor"]!)
            .ToHashSet(StringComparer.Ordinal);
        Assert.All(shown, a => Assert.Contains(a, actors));
        Assert.All(notShown, a => Assert.DoesNotContain(a, actors));
    }
}
