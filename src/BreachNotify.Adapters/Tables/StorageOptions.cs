using System.ComponentModel.DataAnnotations;

namespace BreachNotify.Adapters.Tables;

/// <summary><c>Storage:*</c>: a connection string (Azurite, or a key), or endpoints reached with a managed identity.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public string? ConnectionString { get; set; }

    public Uri? TableEndpoint { get; set; }

    public Uri? QueueEndpoint { get; set; }

    /// <summary>Prefix for table and queue names, so test runs and deployments can share one account.</summary>
    [RegularExpression("^[a-z0-9]{0,20}$", ErrorMessage = "at most 20 lower-case letters and digits")]
    public string Prefix { get; set; } = "";

    /// <summary>Whether the account is reached with the connection string's key (Azurite, local) rather than a managed identity.</summary>
    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>The problems, one line each naming its key (as the app reports them at start).</summary>
    public IEnumerable<string> Problems() => SectionValidator<StorageOptions>.Problems(Section, new StorageOptionsValidator(), this);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesConnectionString && (TableEndpoint is null || QueueEndpoint is null))
        {
            yield return new ValidationResult(
                "required (or both Storage:TableEndpoint and Storage:QueueEndpoint for a managed identity)", [nameof(ConnectionString)]);
        }
    }
}
