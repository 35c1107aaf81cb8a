using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BreachNotify.Worker;

/// <summary>
/// One HTTP function per endpoint the app maps, each handing its request to the app's own endpoint (the handlers are
/// not repeated here). Ingest alone also needs the function key; every other route authenticates itself as it does
/// standalone (commander keys, console sessions, signed SendGrid events, acknowledgement tokens) or is public.
/// </summary>
public sealed class HttpFunctions(EndpointDispatcher endpoints)
{
    [Function("AcknowledgementPage")]
    public Task<IResult> AcknowledgementPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "ack/{token}")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ControllerPackLink")]
    public Task<IResult> ControllerPackLink([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ack/{token}/controller-pack")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ControllerPack")]
    public Task<IResult> ControllerPack([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/incidents/{id}/controller-packs/{customerId}")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ApiReference")]
    public Task<IResult> ApiReference([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reference/{documentName?}")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ApiReferenceIcon")]
    public Task<IResult> ApiReferenceIcon([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reference/favicon.svg")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ApiReferenceInit")]
    public Task<IResult> ApiReferenceInit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reference/scalar.aspnetcore.js")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ApiReferenceScript")]
    public Task<IResult> ApiReferenceScript([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reference/scalar.js")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("Assets")]
    public Task<IResult> Assets([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/site.css")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleChange")]
    public Task<IResult> ConsoleChange([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/changes/{id}")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleChangeExportJson")]
    public Task<IResult> ConsoleChangeExportJson([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/changes/{id}/export.json")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleChangeNoticesCsv")]
    public Task<IResult> ConsoleChangeNoticesCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/changes/{id}/notices.csv")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleChangeNew")]
    public Task<IResult> ConsoleChangeNew([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/changes/new")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleChangeAnnounce")]
    public Task<IResult> ConsoleChangeAnnounce([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/changes")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleChangeDecision")]
    public Task<IResult> ConsoleChangeDecision([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/changes/{id}/decision")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleChangeOutcome")]
    public Task<IResult> ConsoleChangeOutcome([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/changes/{id}/objections/{customerId}/outcome")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleChanges")]
    public Task<IResult> ConsoleChanges([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/changes")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleChangesCsv")]
    public Task<IResult> ConsoleChangesCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/changes.csv")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleDeadLetters")]
    public Task<IResult> ConsoleDeadLetters([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/deadletters")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleDecision")]
    public Task<IResult> ConsoleDecision([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/incidents/{id}/decision")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleEdits")]
    public Task<IResult> ConsoleEdits([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/incidents/{id}/edits")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleExportJson")]
    public Task<IResult> ConsoleExportJson([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/incidents/{id}/export.json")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleIncident")]
    public Task<IResult> ConsoleIncident([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/incidents/{id}")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleMatter")]
    public Task<IResult> ConsoleMatter([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/matters/{id}")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleMatterList")]
    public Task<IResult> ConsoleMatterList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/matters")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleNoticesCsv")]
    public Task<IResult> ConsoleNoticesCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/incidents/{id}/notices.csv")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsolePreview")]
    public Task<IResult> ConsolePreview([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/incidents/{id}/preview")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleQueue")]
    public Task<IResult> ConsoleQueue([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleRedrive")]
    public Task<IResult> ConsoleRedrive([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/deadletters/{messageId}/redrive")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleRegister")]
    public Task<IResult> ConsoleRegister([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/register")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleRegisterCsv")]
    public Task<IResult> ConsoleRegisterCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/register.csv")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleReport")]
    public Task<IResult> ConsoleReport([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/incidents/{id}/report")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleScript")]
    public Task<IResult> ConsoleScript([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/console.js")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleSignIn")]
    public Task<IResult> ConsoleSignIn([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "console/signin")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleSignOut")]
    public Task<IResult> ConsoleSignOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/signout")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleStyles")]
    public Task<IResult> ConsoleStyles([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/console.css")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleTimeZone")]
    public Task<IResult> ConsoleTimeZone([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/timezone")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("DeliveryEvents")]
    public Task<IResult> DeliveryEvents([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/delivery/sendgrid")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("Favicon")]
    public Task<IResult> Favicon([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "favicon.ico")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("Health")]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("IncidentDecision")]
    public Task<IResult> IncidentDecision([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/incidents/{id}/decision")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("IncidentList")]
    public Task<IResult> IncidentList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/incidents")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("IncidentRead")]
    public Task<IResult> IncidentRead([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/incidents/{id}")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("Ingest")]
    public Task<IResult> Ingest([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/detections")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("MatterDecision")]
    public Task<IResult> MatterDecision([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/matters/{id}/decision")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("MatterList")]
    public Task<IResult> MatterList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/matters")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("MatterRead")]
    public Task<IResult> MatterRead([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/matters/{id}")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("MatterRecord")]
    public Task<IResult> MatterRecord([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/matters")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("MatterDrillReport")]
    public Task<IResult> MatterDrillReport([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/matters/{id}/drill-report")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("MatterWaiverEffort")]
    public Task<IResult> MatterWaiverEffort([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/matters/{id}/waiver-efforts")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("NoticePreview")]
    public Task<IResult> NoticePreview([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/incidents/{id}/notices/preview")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("OpenApi")]
    public Task<IResult> OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/v1.json")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("Ready")]
    public Task<IResult> Ready([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "readyz")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("SubprocessorChangeAnnounce")]
    public Task<IResult> SubprocessorChangeAnnounce([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/subprocessor-changes")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("SubprocessorChangeDecision")]
    public Task<IResult> SubprocessorChangeDecision([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/subprocessor-changes/{id}/decision")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("SubprocessorChangeList")]
    public Task<IResult> SubprocessorChangeList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/subprocessor-changes")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("SubprocessorChangeRead")]
    public Task<IResult> SubprocessorChangeRead([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/subprocessor-changes/{id}")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("SubprocessorObjectionOutcome")]
    public Task<IResult> SubprocessorObjectionOutcome([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/subprocessor-changes/{id}/objections/{customerId}/outcome")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("SubprocessorPublicFeed")]
    public Task<IResult> SubprocessorPublicFeed([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subprocessors.atom")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("SubprocessorPublicList")]
    public Task<IResult> SubprocessorPublicList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subprocessors.json")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("SubprocessorPublicPage")]
    public Task<IResult> SubprocessorPublicPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subprocessors")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("CustomerRegister")]
    public Task<IResult> CustomerRegister([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/customers/{id}/register")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("CustomerLedger")]
    public Task<IResult> CustomerLedger([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/customers/{id}/ledger")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleCustomerLedger")]
    public Task<IResult> ConsoleCustomerLedger([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/customers/{id}")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleMatterRecord")]
    public Task<IResult> ConsoleMatterRecord([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/matters")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleMatterDecision")]
    public Task<IResult> ConsoleMatterDecision([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/matters/{id}/decision")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleMatterWaiverEffort")]
    public Task<IResult> ConsoleMatterWaiverEffort([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/matters/{id}/waiver-efforts")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleDrillScheduleList")]
    public Task<IResult> ConsoleDrillScheduleList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/drill-schedules")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleDrillScheduleCreate")]
    public Task<IResult> ConsoleDrillScheduleCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/drill-schedules")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleDrillScheduleUpdate")]
    public Task<IResult> ConsoleDrillScheduleUpdate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/drill-schedules/{id}")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("ConsoleDrillScheduleDelete")]
    public Task<IResult> ConsoleDrillScheduleDelete([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/drill-schedules/{id}/delete")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("DrillScheduleCreate")]
    public Task<IResult> DrillScheduleCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/drill-schedules")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("DrillScheduleList")]
    public Task<IResult> DrillScheduleList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/drill-schedules")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("DrillScheduleRead")]
    public Task<IResult> DrillScheduleRead([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/drill-schedules/{id}")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("DrillScheduleUpdate")]
    public Task<IResult> DrillScheduleUpdate([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/drill-schedules/{id}")] HttpRequest request) => endpoints.DispatchAsync(request);

    [Function("DrillScheduleDelete")]
    public Task<IResult> DrillScheduleDelete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/drill-schedules/{id}")] HttpRequest request) => endpoints.DispatchAsync(request);
}
