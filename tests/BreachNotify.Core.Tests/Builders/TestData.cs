using BreachNotify.Classification;
using BreachNotify.Detections;
using BreachNotify.Incidents;
using BreachNotify.Notices;
using BreachNotify.Parties;
using BreachNotify.Tests.Detections;

namespace BreachNotify.Tests.Builders;

/// <summary>The shared sample directory, the shipped rules file and the SIEM fixtures, as the output folder holds them.</summary>
internal static class TestData
{
    /// <summary>A fixed "now" for decisions and clocks: a Friday, 2026-11-20 09:00 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<ProcessorDirectory> LazyDirectory = new(() => ProcessorDirectory.FromJson(ReadFixture("directory.sample.json")));
    private static readonly Lazy<ClassificationRules> LazyRules = new(() => ClassificationRules.FromJson(ReadFixture("classification-rules.json")));

    private static readonly Lazy<NoticeTemplates> LazyTemplates = new(() => TemplatesWith([]));

    public static ProcessorDirectory SampleDirectory => LazyDirectory.Value;

    /// <summary>The templates the app ships with (src/BreachNotify.Functions/templates, copied to templates/).</summary>
    public static NoticeTemplates Templates => LazyTemplates.Value;

    /// <summary>The shipped templates, then <paramref name="overrides"/> (name, content) on top, as a deployment's folder.</summary>
    public static NoticeTemplates TemplatesWith(IEnumerable<(string Name, string Content)> overrides)
    {
        var (templates, problems) = ParseTemplates(overrides);
        Assert.True(templates is not null, string.Join("; ", problems));
        return templates;
    }

    public static (NoticeTemplates? Templates, IReadOnlyList<string> Problems) ParseTemplates(IEnumerable<(string Name, string Content)> overrides) =>
        NoticeTemplates.Parse(
            [
                .. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "templates")).Order(StringComparer.Ordinal)
                    .Select(f => new TemplateFile(Path.GetFileName(f), File.ReadAllText(f), f)),
                .. overrides.Select(o => new TemplateFile(o.Name, o.Content, $"override/{o.Name}")),
            ],
            "Notices:TemplatesPath");

    public static ClassificationRules Rules => LazyRules.Value;

    /// <summary>
    /// <paramref name="detection"/> recorded and classified at <paramref name="at"/>, as ingest and then the worker's
    /// classification timer leave it.
    /// </summary>
    public static IncidentState Classified(NormalizedDetection detection, DateTimeOffset at)
    {
        var decider = new IncidentDecider(SampleDirectory, Rules, WorkflowSettings.Default);
        var recorded = decider.Decide(null, new DetectionArrived(detection), at);
        var state = IncidentState.Replay(IncidentId.For(detection.Source, detection.SourceId), recorded.Events);
        var classified = decider.Decide(state, new ClassificationDue(state.DetectionRevision, IncidentDetections.From(recorded.Events)), at);
        return classified.Events.Aggregate(state, (s, e) => s.Apply(e));
    }

    public static string FixturePath(string fileName) => Path.Combine(AppContext.BaseDirectory, "fixtures", fileName);

    public static string ReadFixture(string fileName) => File.ReadAllText(FixturePath(fileName));

    /// <summary>Parses a SIEM fixture with every format, as ingest does, and insists on one valid detection.</summary>
    public static NormalizedDetection Detection(string siemFixture, string source = "siem-test")
    {
        var result = new DetectionParser(DetectionFormatCatalog.All).Parse(Fixtures.Siem(siemFixture), source);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return Assert.Single(result.Detections);
    }
}
