using System.Net;
using System.Text;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Worker.Tests.Infrastructure;

namespace BreachNotify.Worker.Tests;

/// <summary>
/// Under the worker, the app's own rules still apply to every request, once, in the app's pipeline: bad input is a
/// problem+json 4xx with nothing stored, authentication and antiforgery refuse before anything is read or written.
/// </summary>
public sealed class WorkerRequestRulesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task BadDetection_Unsigned_OrUnauthenticatedRead_AreProblem4xx_AndNothingIsStored()
    {
        await using var app = await WorkerApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;

        using var malformed = await app.PostDetectionAsync("{\"not\": json");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        using var unsigned = new HttpRequestMessage(HttpMethod.Post, $"/api/detections?source={WorkerApp.Source}")
        {
            Content = new StringContent(WorkerApp.Fixture("ocsf-detection-finding-exfil.json"), Encoding.UTF8, "application/json"),
        };
        using var refused = await app.Http.SendAsync(unsigned, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        using var anonymous = await app.Http.GetAsync("/api/incidents", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        Assert.Equal(0, await StorageProbe.RowCountAsync(azurite, app.Prefix));
        Assert.Equal(0, await StorageProbe.QueuedMessageCountAsync(azurite, app.Prefix));
    }

    [Fact]
    public async Task AcknowledgementPost_WithoutTheFormsAntiforgeryCookie_IsRefused()
    {
        await using var app = await WorkerApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;

        using var post = await app.Http.PostAsync("/ack/not-a-token", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Sam Security" }), ct);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal("DENY", post.Headers.GetValues("X-Frame-Options").Single());
    }
}
