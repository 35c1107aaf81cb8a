using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Incidents;

/// <summary>The decision API's body: malformed JSON, bad text and wrong types are 400 problem+json naming what is wrong.</summary>
public sealed class DecisionInputTests(AzuriteFixture azurite)
{
    private const string Path = "/api/incidents/inc-00000000000000000000/decision";

    [Theory]
    [InlineData("{\"decision\":", "body")]
    [InlineData("{\"decision\":\"approve\",\"comment\":\"@@\"}", "comment")]
    [InlineData("{\"decision\":\"approve\",\"comment\":\"\\ud800\"}", "comment")]
    [InlineData("{\"decision\":[1]}", "decision")]
    [InlineData("{\"decision\":\"approve\",\"customers\":\"contoso\"}", "customers")]
    public async Task Decision_MalformedOrBadTextBody_Answers400ProblemNamingTheField(string json, string field)
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var request = app.AsCommander(HttpMethod.Post, Path);
        request.Content = HostileRequests.Raw(json.Contains("@@", StringComparison.Ordinal) ? HostileRequests.WithInvalidUtf8(json) : Encoding.UTF8.GetBytes(json), "application/json");

        using var response = await app.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains(field, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Decision_JsonInAnotherCharset_Answers415ProblemJson()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var request = app.AsCommander(HttpMethod.Post, Path);
        request.Content = HostileRequests.Raw(Encoding.Unicode.GetBytes("{\"decision\":\"approve\"}"), "application/json; charset=utf-16");

        using var response = await app.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
