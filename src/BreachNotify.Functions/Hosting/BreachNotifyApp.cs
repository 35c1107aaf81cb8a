using System.Threading.RateLimiting;
using BreachNotify.Detections;
using BreachNotify.Detections.Formats;
using BreachNotify.Functions.Acknowledgements;
using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Delivery;
using BreachNotify.Functions.Incidents;
using BreachNotify.Functions.Ingest;
using BreachNotify.Functions.OpenApi;
using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.Functions.Workflow;
using BreachNotify.Incidents;
using BreachNotify.Notices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// The composition root: the services, then the endpoints. Both hosts compose the app through it: the standalone host
/// (src/BreachNotify.Standalone, and the tests) through <see cref="Create"/>, the isolated worker through
/// <see cref="AddBreachNotify"/> and <see cref="BuildPipeline"/>.
/// </summary>
public static class BreachNotifyApp
{
    /// <summary>Builds the standalone app (Kestrel, queue workers, sweep), or returns the configuration problems (one line each) that stop it from starting.</summary>
    public static (WebApplication? App, IReadOnlyList<string> Problems) Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The app's own appsettings.json beside it, wherever it is started from; relative paths stay relative to the working directory.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables();
        configure?.Invoke(builder);
        var (settings, problems) = StartupSettings.Read(builder.Configuration, Environment.CurrentDirectory);
        if (settings is null)
        {
            return (null, problems);
        }

        builder.Services.AddBreachNotify(builder.Configuration, settings);
        builder.Services.AddLogRedaction();
        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseBreachNotifyMiddleware();
        app.MapBreachNotify();
        return (app, []);
    }

    /// <summary>The cross-cutting middleware of every request, in both hosts (forwarded headers are each host's own).</summary>
    public static IApplicationBuilder UseBreachNotifyMiddleware(this IApplicationBuilder app)
    {
        app.UseSecurityHeaders();
        app.UseStorageOutage();
        app.UseRateLimiter();
        // After routing (each endpoint's policy and antiforgery metadata) and in the framework's order.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>
    /// The app's middleware and endpoints on a plain application builder, for a host that has its own web server and
    /// hands each request over (the isolated worker's HTTP functions). Routing first, as on the standalone app.
    /// </summary>
    public static RequestDelegate BuildPipeline(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        app.UseRouting();
        app.UseBreachNotifyMiddleware();
        app.UseEndpoints(endpoints => endpoints.MapBreachNotify());
        return app.Build();
    }

    public static IServiceCollection AddBreachNotify(this IServiceCollection services, IConfiguration configuration, StartupSettings settings)
    {
        services.AddBreachNotifyOptions();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddProblemDetails();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "bn-ack-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // One key ring for every instance and restart, in the product's storage.
        services.AddDataProtection().SetApplicationName("BreachNotify");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DataProtectionKeyStore(sp.GetRequiredService<StorageClients>())));
        services.TryAddTimeProvider();
        services.AddMetrics();
        services.AddBreachNotifyTelemetry(configuration);
        services.AddBreachNotifyOpenApi();

        // The domain, pure and configured once.
        services.AddSingleton(settings.Directory);
        services.AddSingleton(settings.Rules);
        services.AddSingleton(settings.Templates);
        services.AddSingleton(new PublicLinks(settings.PublicBaseUrl));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.ToSettings());
        services.AddSingleton<IncidentDecider>();
        services.AddSingleton<BreachNotify.SubprocessorChanges.SubprocessorChangeDecider>();
        services.AddSingleton<SubprocessorChangeStore>();
        services.AddSingleton<SubprocessorChangeWorkflow>();
        services.AddSingleton<ObjectionWindowCloser>();
        services.AddSingleton<BreachNotify.OtherNotices.MatterDecider>();
        services.AddSingleton<BreachNotify.OtherNotices.MatterNoticeComposer>();
        services.AddSingleton<MatterStore>();
        services.AddSingleton<CustomerLedgerStore>();
        services.AddSingleton<DrillScheduler>();
        services.AddSingleton<MatterWorkflow>();
        services.AddSingleton<ProhibitionTimer>();
        services.AddSingleton<ProhibitionReviewMailer>();
        services.AddSingleton<MatterNoticeLink>();
        services.AddSingleton<SubjectLookup>();
        // The deployment's subject lookup: no retries (a commander waits; the request's timeout bounds it), no redirects.
        services.AddHttpClient(SubjectLookup.HttpClientName, client => client.DefaultRequestHeaders.UserAgent.ParseAdd("BreachNotify-SubjectLookup/1"))
            .ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton(new DetectionParser(DetectionFormatCatalog.All));
        services.AddSingleton(new CefFormat());
        services.AddSingleton<NoticeComposer>();
        services.AddSingleton<BreachNotify.SubprocessorChanges.ChangeNoticeComposer>();

        // Storage, workflow and delivery at the edge.
        services.AddStorage();
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<PendingWorkIndex>();
        services.AddSingleton<IncidentRegister>();
        services.AddSingleton<NoticeStore>();
        services.AddSingleton<FrozenRecipientStore>();
        services.AddSingleton<DeadLetterStore>();
        services.AddSingleton<WorkQueue>();
        services.AddSingleton<WorkflowMetrics>();
        services.AddSingleton<CommandDispatcher>();
        services.AddSingleton<IncidentWorkflow>();
        // The kinds of matter the notice engine serves (one port, one adapter each).
        services.AddSingleton<INoticeSource, IncidentNoticeSource>();
        services.AddSingleton<INoticeSource, ChangeNoticeSource>();
        services.AddSingleton<INoticeSource, MatterNoticeSource>();
        services.AddSingleton<NoticeSources>();
        services.AddSingleton<ChangeNoticeMailer>();
        services.AddSingleton<ChangeNoticeLink>();
        services.AddSingleton<NoticeFanOut>();
        services.AddSingleton<PhaseFanOut>();
        services.AddSingleton<NoticeBatchSender>();
        services.AddSingleton<CommanderNotifier>();
        services.AddSingleton<AcknowledgementReminders>();
        services.AddSingleton<DeadlineWarner>();
        services.AddSingleton<WorkItemHandler>();
        services.AddSingleton<WorkItemProcessor>();
        services.AddSingleton<OutboxSweeper>();
        services.AddSingleton<SourceAuthenticator>();
        services.AddSingleton<SourceRateLimiter>();
        services.AddAuthFailureLimit(configuration);
        services.AddFrontEnd();
        services.AddSingleton(new BreachNotify.Classification.AssetResolver(settings.Directory));
        services.AddSingleton<CorrelationIndex>();
        services.AddSingleton<DetectionIntake>();
        services.AddSingleton<CommanderAuthenticator>();
        services.AddSingleton<IncidentReader>();
        services.AddSingleton<AcknowledgementRecorder>();
        services.AddSingleton<BounceAlerter>();
        services.AddSingleton<DeliveryEventRecorder>();
        services.AddSingleton<SendGridMailSender>();
        services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<SendGridMailSender>());
        services.AddSingleton<ISentMailLookup>(sp => sp.GetRequiredService<SendGridMailSender>());
        services.AddSingleton<IWebhookSender, WebhookSender>();
        // First of the hosted services (they start in order): the Functions worker's own, registered before this, would
        // report the worker ready and take a queue message before the tables exist (a fresh clone's worker test saw 404).
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StorageInitializer>());
        services.AddHealthChecks().AddCheck<StorageHealthCheck>(StorageHealthCheck.Name, tags: [StorageHealthCheck.ReadyTag]);
        AddSendGridHttpClient(services);
        AddWebhookHttpClient(services);
        AddRateLimits(services);
        services.AddConsole(configuration).AddConsoleSignInRateLimit();
        services.AddEdgeAuthentication(configuration);
        services.AddSingleton<BreachNotify.Functions.Pages.PageRenderer>();

        // Which services run is decided here, before there is a provider to read the options from.
        var workflow = configuration.GetSection(WorkflowOptions.Section).Get<WorkflowOptions>() ?? new WorkflowOptions();
        if (settings.Mode == HostingMode.Standalone && workflow.RunWorkers)
        {
            services.AddHostedService<QueueWorker>();
            services.AddHostedService<OutboxSweepService>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapBreachNotify(this IEndpointRouteBuilder app)
    {
        app.MapIngest();
        // The commanders' API (ingest and SendGrid's events under /api authenticate their senders themselves).
        var commanders = app.MapGroup("").RequireCommander();
        commanders.MapIncidents();
        app.MapSubprocessorChanges();
        BreachNotify.Functions.OtherNotices.MatterEndpoints.MapMatters(commanders);
        BreachNotify.Functions.OtherNotices.DrillReportEndpoints.MapDrillReport(commanders);
        BreachNotify.Functions.Ledger.LedgerEndpoints.MapCustomerLedger(commanders);
        BreachNotify.Functions.OtherNotices.DrillScheduleEndpoints.MapDrillSchedules(commanders);
        app.MapAcknowledgements();
        app.MapDeliveryEvents();
        app.MapSite();
        app.MapBreachNotifyOpenApi();
        app.MapConsole();
        return app;
    }

    private static void AddSendGridHttpClient(IServiceCollection services)
    {
        services.AddSingleton<SendGridRateGate>();
        var client = services.AddHttpClient(SendGridMailSender.HttpClientName);
        DelegatingHandler Gate(IServiceProvider sp, bool holds) => new SendGridRateGateHandler(
            sp.GetRequiredService<SendGridRateGate>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<SendGridOptions>>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<SendGridRateGateHandler>(), holds);

        // Outside the retries: a send while the gate is closed is held back at once (its work item waits the time left).
        client.AddHttpMessageHandler(sp => Gate(sp, holds: true));
        // Total timeout, retries, one circuit breaker for the provider, attempt timeout: the standard order, from SendGrid:*.
        client.AddStandardResilienceHandler().Configure((pipeline, sp) =>
        {
            var sendGrid = sp.GetRequiredService<IOptions<SendGridOptions>>().Value;
            pipeline.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(sendGrid.TotalTimeoutSeconds);
            pipeline.Retry = MailRetries(sendGrid);
            pipeline.CircuitBreaker = CircuitBreaker(sendGrid, minimumThroughput: 20);
            pipeline.AttemptTimeout.Timeout = TimeSpan.FromSeconds(sendGrid.AttemptTimeoutSeconds);
        });

        // Inside the retries: every attempt's 429 closes the gate for every worker of the process.
        client.AddHttpMessageHandler(sp => Gate(sp, holds: false));
    }

    /// <summary>Retries 429 (after Retry-After), 408, 5xx and timeouts, exponentially with jitter: mails and webhooks alike.</summary>
    private static HttpRetryStrategyOptions Retries(SendGridOptions limits) => new()
    {
        MaxRetryAttempts = Math.Max(1, limits.MaxRetries),
        Delay = TimeSpan.FromSeconds(limits.RetryBaseDelaySeconds),
        BackoffType = Polly.DelayBackoffType.Exponential,
        UseJitter = true,
        ShouldRetryAfterHeader = true,
        MaxDelay = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// The mail send's retries: only what shows SendGrid did not take the request (429, 408, 5xx, a connection never
    /// made). An attempt that timed out or lost its connection after the request went out may have been accepted:
    /// resending it here would send its notices twice, so it ends the send as "maybe accepted" and the notice waits for
    /// its lease to end, when the takeover asks the provider before sending again.
    /// </summary>
    private static HttpRetryStrategyOptions MailRetries(SendGridOptions limits)
    {
        var retries = Retries(limits);
        retries.ShouldHandle = args => ValueTask.FromResult(ProvesNothingTaken(args.Outcome));
        return retries;
    }

    internal static bool ProvesNothingTaken(Polly.Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } answer } => answer.StatusCode is System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.RequestTimeout || (int)answer.StatusCode >= 500,
        { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } } => true,
        _ => false,
    };

    /// <summary>Opens when nearly every recent attempt failed, for <c>SendGrid:CircuitBreakSeconds</c>.</summary>
    private static HttpCircuitBreakerStrategyOptions CircuitBreaker(SendGridOptions limits, int minimumThroughput) => new()
    {
        FailureRatio = 0.9,
        MinimumThroughput = minimumThroughput,
        // At least twice the attempt timeout, or an attempt that times out would outlive its own sample.
        SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, 2 * limits.AttemptTimeoutSeconds)),
        BreakDuration = TimeSpan.FromSeconds(Math.Max(0.5, limits.CircuitBreakSeconds)),
    };

    /// <summary>
    /// Customers' webhooks: the same retries and bounded times as SendGrid (so the send lease still outlasts a send), and
    /// a circuit breaker per webhook host (scheme, host and port), since one customer's broken endpoint must not hold
    /// back another's. A few sends' attempts suffice to open it: one customer's endpoint sees little traffic.
    /// </summary>
    private static void AddWebhookHttpClient(IServiceCollection services)
    {
        services.AddHttpClient(WebhookSender.HttpClientName, client => client.DefaultRequestHeaders.UserAgent.ParseAdd("BreachNotify-Webhook/1"))
            .ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false })
            .AddResilienceHandler("webhooks", (pipeline, context) =>
            {
                var limits = context.ServiceProvider.GetRequiredService<IOptions<SendGridOptions>>().Value;
                pipeline.AddTimeout(TimeSpan.FromSeconds(limits.TotalTimeoutSeconds));
                pipeline.AddRetry(Retries(limits));
                pipeline.AddCircuitBreaker(CircuitBreaker(limits, minimumThroughput: 5));
                pipeline.AddTimeout(TimeSpan.FromSeconds(limits.AttemptTimeoutSeconds));
            })
            .SelectPipelineByAuthority();
    }

    private static void AddRateLimits(IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                context.HttpContext.Response.ContentType = "application/problem+json";
                await context.HttpContext.Response.WriteAsync("{\"title\":\"Too many requests\",\"status\":429}", cancellationToken);
            };
            // Ingest is limited per source after authentication, by SourceRateLimiter.
            limiter.AddPolicy(AcknowledgementEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                AuthFailureLimiter.ClientOf(context),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<AcknowledgementOptions>>().Value.PermitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
