using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Storage;

/// <summary>Generated from the annotations on <see cref="StorageOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
