namespace BreachNotify.Functions.Hosting;

/// <summary>
/// Standalone (src/BreachNotify.Standalone): the app's own queue workers and sweep timer drive the workflow. Under the
/// Functions host, the isolated worker's queue and timer triggers call the same processor and sweep instead.
/// </summary>
public enum HostingMode
{
    Standalone,

    /// <summary>The isolated worker (src/BreachNotify.Worker): its functions reach the same endpoints and handlers.</summary>
    FunctionsIsolatedWorker,
}
