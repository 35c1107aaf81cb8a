using System.Globalization;
using System.Text.Json;
using BreachNotify.Classification;
using BreachNotify.Detections;
using BreachNotify.Parties;
using BreachNotify.Severity;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Classification;

/// <summary>
/// The 18 cases of EDPB Guidelines 01/2021 as detections (tests/fixtures/edpb), classified with the shipped rules, and
/// their ENISA severity; the expected values are in cases.json, written from the guidelines and the ENISA tables by hand.
/// </summary>
public sealed class EdpbCaseTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "edpb");
    private static readonly Lazy<JsonElement[]> Cases = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "cases.json")));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone())];
    });

    private readonly Classifier _classifier = new(ProcessorDirectory.FromJson(File.ReadAllText(Path.Combine(Folder, "directory.json"))), TestData.Rules);

    public static TheoryData<int> CaseNumbers => [.. Enumerable.Range(1, 18)];

    [Theory]
    [MemberData(nameof(CaseNumbers))]
    public void Each_case_is_a_breach_the_processor_reports_with_the_breach_types_expected(int number)
    {
        var expected = Case(number);
        var classification = Classify(expected);

        var because = string.Join(Environment.NewLine, classification.Rationale);
        Assert.True(classification.Verdict == Verdict.PersonalDataBreach, $"case {number}: {classification.Verdict}{Environment.NewLine}{because}");
        Assert.Equal(["controller"], classification.AffectedCustomers);
        Assert.Equal(Types(expected, "productBreachTypes"), classification.BreachTypes.Order());
    }

    [Theory]
    [MemberData(nameof(CaseNumbers))]
    public void Each_case_scores_the_ENISA_band_worked_out_by_hand(int number)
    {
        var expected = Case(number);
        var derived = SeverityEstimator.Derive(Classify(expected), expected.GetProperty("maliciousIntent").GetBoolean());

        var (assessment, errors) = SeverityEstimator.Assess(derived, Override(expected.GetProperty("severityOverride")));

        Assert.Empty(errors);
        Assert.NotNull(assessment);
        var severity = expected.GetProperty("expectedSeverity");
        Assert.Equal(Enum.Parse<DataType>(severity.GetProperty("dataType").GetString()!), assessment.Inputs.DataType);
        Assert.Equal(severity.GetProperty("dataProcessingContext").GetDecimal(), assessment.Inputs.DataProcessingContext);
        Assert.Equal(Enum.Parse<EaseOfIdentification>(severity.GetProperty("easeOfIdentification").GetString()!), assessment.Inputs.EaseOfIdentification);
        Assert.Equal(Number(severity, "circumstances"), assessment.CircumstancesScore);
        Assert.Equal(Number(severity, "score"), assessment.Score);
        Assert.Equal(Enum.Parse<SeverityBand>(severity.GetProperty("band").GetString()!), assessment.Band);
    }

    [Fact]
    public void The_product_agrees_with_the_EDPB_on_fourteen_cases_and_explains_the_other_four()
    {
        var disagreements = Cases.Value
            .Where(c => !Types(c, "edpbBreachTypes").SequenceEqual(Types(c, "productBreachTypes")))
            .ToList();

        Assert.Equal([1, 2, 3, 4], disagreements.Select(c => c.GetProperty("case").GetInt32()));
        Assert.All(disagreements, c => Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("why").GetString())));
    }

    private static JsonElement Case(int number) => Cases.Value.Single(c => c.GetProperty("case").GetInt32() == number);

    private BreachNotify.Classification.Classification Classify(JsonElement expected)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, expected.GetProperty("detection").GetString()!)));
        var result = new DetectionParser(DetectionFormatCatalog.All).Parse(document.RootElement, "edpb-case");
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return _classifier.Classify([Assert.Single(result.Detections)]);
    }

    private static IEnumerable<BreachType> Types(JsonElement c, string property) =>
        c.GetProperty(property).EnumerateArray().Select(t => Enum.Parse<BreachType>(t.GetString()!, ignoreCase: true)).Order();

    private static decimal Number(JsonElement e, string property) => decimal.Parse(e.GetProperty(property).GetString()!, CultureInfo.InvariantCulture);

    private static SeverityOverride Override(JsonElement o)
    {
        T? Get<T>(string name)
            where T : struct, Enum => o.TryGetProperty(name, out var v) ? Enum.Parse<T>(v.GetString()!) : null;

        return new SeverityOverride
        {
            EaseOfIdentification = Get<EaseOfIdentification>("easeOfIdentification"),
            Confidentiality = Get<ConfidentialityLoss>("confidentiality"),
            Integrity = Get<IntegrityLoss>("integrity"),
            Availability = Get<AvailabilityLoss>("availability"),
        };
    }
}
