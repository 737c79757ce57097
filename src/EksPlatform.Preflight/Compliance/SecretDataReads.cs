namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// IAM actions that return secret data itself, not metadata about it. By AWS's naming they are
/// "reads" (Get*, Query, Scan...), which EKSP-009 otherwise lets through on Resource *, but granted
/// on every resource they hand out every secret value, SecureString parameter, plaintext of any
/// KMS ciphertext, object or table item in the account: the opposite of granting only the
/// permissions a task needs (IAM best practices, "Apply least-privilege permissions",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege).
/// Describe*/List* return names and metadata and are not here; neither is kms:GenerateDataKey*,
/// which makes new keys rather than revealing existing data.
/// </summary>
internal static class SecretDataReads
{
    /// <summary>The actions, as AWS spells them (the service authorization reference).</summary>
    public static readonly IReadOnlyList<string> Actions =
    [
        "secretsmanager:GetSecretValue",
        "secretsmanager:BatchGetSecretValue",
        "ssm:GetParameter",
        "ssm:GetParameters",
        "ssm:GetParametersByPath",
        "kms:Decrypt",
        "s3:GetObject",
        "s3:GetObjectVersion",
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:Query",
        "dynamodb:Scan",
    ];

    /// <summary>The listed actions an action pattern from a policy grants (IAM wildcards, any case).</summary>
    public static IReadOnlyList<string> GrantedBy(string actionPattern) =>
        Actions.Where(action => IamActionPattern.Matches(actionPattern, action)).ToList();
}
