namespace BreachNotify.Functions.Storage;

/// <summary><c>Storage:*</c>: a connection string (Azurite, or a key), or endpoints reached with a managed identity.</summary>
public sealed class StorageOptions
{
    public string? ConnectionString { get; set; }

    public Uri? TableEndpoint { get; set; }

    public Uri? QueueEndpoint { get; set; }

    /// <summary>Prefix for table and queue names, so test runs and deployments can share one account.</summary>
    public string Prefix { get; set; } = "";

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && (TableEndpoint is null || QueueEndpoint is null))
        {
            yield return "Storage:ConnectionString: required (or both Storage:TableEndpoint and Storage:QueueEndpoint for a managed identity)";
        }

        if (Prefix.Length > 20 || Prefix.Any(c => !char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c)))
        {
            yield return "Storage:Prefix: at most 20 lower-case letters and digits";
        }
    }
}
