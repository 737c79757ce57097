namespace EksPlatform.Preflight;

/// <summary>Why a resource would be destroyed or replaced.</summary>
public enum ReplacementKind
{
    /// <summary>The resource is in the baseline but not in the new template: CloudFormation deletes it.</summary>
    Removed,
    /// <summary>Same logical id, different type: CloudFormation replaces it.</summary>
    TypeChanged,
    /// <summary>A create-only property changed: CloudFormation replaces the resource.</summary>
    CreateOnlyPropertyChanged,
    /// <summary>A property the schema marks as "may replace" (depends on the change) changed.</summary>
    ConditionalPropertyChanged,
    /// <summary>A create-only property refers to a resource that is itself replaced, so its value may change at deploy time.</summary>
    ReferencedResourceReplaced,
    /// <summary>The type is not in the create-only catalog (e.g. Custom::) and its properties changed: replacement cannot be ruled out.</summary>
    UnknownType,
}
