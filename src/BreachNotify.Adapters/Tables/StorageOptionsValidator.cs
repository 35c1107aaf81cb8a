using Microsoft.Extensions.Options;

namespace BreachNotify.Adapters.Tables;

/// <summary>Generated from the annotations on <see cref="StorageOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
