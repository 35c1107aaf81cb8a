using Azure.Data.Tables;
using BreachNotify.Detections;
using BreachNotify.Functions.Incidents;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using BreachNotify.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.Adapters.Tables;

/// <summary>
/// The register's rows (a partition per month of awareness) follow each committed step, never go back a version,
/// come back after a crash lost one, and a list in a date range reads only the months of that range.
/// </summary>
public sealed class IncidentRegisterTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset January = new(2026, 1, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Row_FollowsEachCommittedStep_AndAnOlderWriteDoesNotTakeItBack()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var register = app.Services.GetRequiredService<IncidentRegister>();
        var store = app.Services.GetRequiredService<IncidentStore>();
        var incidentId = await CreateAsync(app, "register-1");
        var created = (await store.LoadAsync(incidentId, ct))!.State;
        Assert.Equal(nameof(IncidentStatus.Received), Assert.Single(await register.ListAsync(cancellationToken: ct)).Status);

        await app.ClassifyByHandAsync(incidentId);
        var classified = (await store.LoadAsync(incidentId, ct))!.State;
        Assert.Equal(classified.Status.ToString(), Assert.Single(await register.ListAsync(cancellationToken: ct)).Status);

        // A write of the creating step arriving late (a slow writer) leaves the newer row as it is.
        await register.WriteAsync(created, created: false, ct);
        await register.WriteAsync(created, created: true, ct);

        var row = Assert.Single(await register.ListAsync(cancellationToken: ct));
        Assert.Equal(IncidentSummary.Of(classified).Status, row.Status);
        Assert.Equal(IncidentSummary.Of(classified).Customers, row.Customers);
    }

    [Fact]
    public async Task RowLostBetweenTheStepAndItsWrite_IsWrittenAgainByAReadOfTheIncident()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var incidentId = await CreateAsync(app, "register-2");
        await app.ClassifyByHandAsync(incidentId);
        var state = (await app.Services.GetRequiredService<IncidentStore>().LoadAsync(incidentId, ct))!.State;
        var table = app.Services.GetRequiredService<StorageClients>().IncidentRegister;
        await table.DeleteEntityAsync(IncidentRegister.Month(state.AwareAt), incidentId, cancellationToken: ct); // what a crash leaves
        Assert.Empty(await app.Services.GetRequiredService<IncidentReader>().ListAsync(null, null, null, ct));

        Assert.NotNull(await app.Services.GetRequiredService<IncidentReader>().ReadAsync(incidentId, ct));

        Assert.Equal(incidentId, Assert.Single(await app.Services.GetRequiredService<IncidentReader>().ListAsync(null, null, null, ct)).Id);
    }

    [Fact]
    public async Task List_InADateRange_ReadsThatRangesMonthsAndKeepsEachIncidentInTheMonthItWasAwareIn()
    {
        var time = new FakeTimeProvider(January);
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", time);
        var ct = TestContext.Current.CancellationToken;
        var reader = app.Services.GetRequiredService<IncidentReader>();
        var inJanuary = await CreateAsync(app, "register-3a");
        time.Advance(TimeSpan.FromDays(45));
        var inMarch = await CreateAsync(app, "register-3b");
        await app.ClassifyByHandAsync(inJanuary); // a later step keeps the row in its month of awareness

        Assert.Equal([inMarch], (await reader.ListAsync(null, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), null, ct)).Select(s => s.Id));
        Assert.Equal([inJanuary], (await reader.ListAsync(null, null, new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), ct)).Select(s => s.Id));
        Assert.Equal(new[] { inJanuary, inMarch }.Order(), (await reader.ListAsync(null, null, null, ct)).Select(s => s.Id).Order());

        var months = new List<string>();
        await foreach (var row in app.Services.GetRequiredService<StorageClients>().IncidentRegister.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: ct))
        {
            months.Add(row.PartitionKey);
        }

        Assert.Equal(["month|202601", "month|202603"], months.Order());
    }

    private static async Task<string> CreateAsync(TestApp app, string sourceId)
    {
        var detection = new NormalizedDetection
        {
            Source = "siem",
            Format = DetectionFormats.Generic,
            SourceId = sourceId,
            Title = "Bulk download from the CRM database",
            Severity = DetectionSeverity.High,
            Categories = ["Exfiltration"],
            AssetRefs = ["crm-db-prod"],
        };
        var incidentId = IncidentId.For(detection.Source, detection.SourceId);
        await app.Services.GetRequiredService<IncidentWorkflow>().HandleAsync(incidentId, new DetectionArrived(detection), TestContext.Current.CancellationToken, assumeNew: true);
        return incidentId;
    }
}
