namespace EksPlatform.Settings;

/// <summary>
/// The retention periods CloudWatch Logs accepts, in days (the PutRetentionPolicy API reference,
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html). The settings
/// schema's <c>retentionDays</c> enum lists the same values; a test keeps them in step.
/// </summary>
public static class LogRetention
{
    /// <summary>The accepted values.</summary>
    public static IReadOnlyList<int> ValidDays { get; } =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    /// <summary>The accepted values as text, for messages.</summary>
    public static string ValidDaysText => string.Join(", ", ValidDays);

    /// <summary>Whether CloudWatch Logs accepts <paramref name="days"/>.</summary>
    public static bool IsValid(int days) => ValidDays.Contains(days);
}
