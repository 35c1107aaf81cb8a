namespace BreachNotify.Functions.Hosting;

/// <summary>
/// Standalone: the app's own queue workers and sweep timer drive the workflow. Under the Azure Functions host
/// (FUNCTIONS_CUSTOMHANDLER_PORT set), the host's queue and timer triggers call the invocation endpoints instead.
/// </summary>
public enum HostingMode
{
    Standalone,
    FunctionsCustomHandler,

    /// <summary>The isolated worker (src/BreachNotify.Worker): its functions reach the same endpoints and handlers.</summary>
    FunctionsIsolatedWorker,
}
