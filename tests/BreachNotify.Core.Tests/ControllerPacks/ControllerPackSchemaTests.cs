using System.Text.Json;
using BreachNotify.ControllerPacks;
using BreachNotify.Severity;
using BreachNotify.Tests.Builders;
using Json.Schema;

namespace BreachNotify.Tests.ControllerPacks;

/// <summary>The documented schema (docs/schemas/controller-pack-v1.schema.json) describes the packs the product makes.</summary>
public sealed class ControllerPackSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "controller-pack-v1.schema.json")));

    [Theory]
    [InlineData("ocsf-detection-finding-exfil.json", "contoso")]
    [InlineData("generic-subprocessor-report.json", "fabrikam")]
    [InlineData("sentinel-incident-ransomware.json", "tailspin")]
    public void Every_pack_validates_against_the_published_schema(string fixture, string customer)
    {
        var incident = TestData.Classified(TestData.Detection(fixture), TestData.Now);
        var pack = new ControllerPackComposer(TestData.SampleDirectory).Compose(incident, customer, TestData.Now.AddMinutes(5), new SeverityOverride { Integrity = IntegrityLoss.AlteredUnrecoverable });
        Assert.NotNull(pack);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(pack, DomainJson.Options));
        var result = Schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join(Environment.NewLine, (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        Assert.Equal(ControllerPack.SchemaId, json.RootElement.GetProperty("schema").GetString());
    }

    [Fact]
    public void The_schema_refuses_a_pack_with_an_unknown_band()
    {
        var incident = TestData.Classified(TestData.Detection("ocsf-detection-finding-exfil.json"), TestData.Now);
        var pack = new ControllerPackComposer(TestData.SampleDirectory).Compose(incident, "contoso", null, null)!;
        var text = JsonSerializer.Serialize(pack, DomainJson.Options).Replace($"\"band\":\"{JsonNamingPolicy.CamelCase.ConvertName(pack.Severity.Band.ToString())}\"", "\"band\":\"catastrophic\"", StringComparison.Ordinal);

        using var json = JsonDocument.Parse(text);

        Assert.False(Schema.Evaluate(json.RootElement).IsValid);
    }
}
