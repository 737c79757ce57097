using System.Text;
using EksPlatform.Controllers;
using EksPlatform.Settings;

namespace EksPlatform.Cli.Charts;

/// <summary>The <c>install.sh</c> of the <c>controllers</c> output: pinned <c>helm upgrade --install</c> per controller.</summary>
internal static class InstallScript
{
    public static string Render(PlatformSettings settings, IReadOnlyList<Controller> enabled, bool storageClass)
    {
        var charts = enabled.Where(c => c.Chart is not null).ToList();
        var script = new StringBuilder();
        script.Append($"""
            #!/usr/bin/env bash
            # Installs the in-cluster controllers of {settings.StackName} (cluster {settings.Cluster.Name}, {settings.Region.Name}) from pinned Helm charts.
            # Rendered by `eks-platform controllers`: re-render instead of editing. Needs helm 3 and kubectl, with the cluster in
            # your kubeconfig as a cluster admin, e.g. with the stack output KubeconfigCommand:
            #   aws eks update-kubeconfig --region {settings.Region.Name} --name {settings.Cluster.Name} --role-arn <AdminRoleArn>
            set -euo pipefail
            cd "$(dirname "$0")"

            # Role ARNs and the VPC id come from the deployed stack; refuse to install placeholders.
            if grep -l -- '{ChartValuesRenderer.PlaceholderHint}' *.yaml >&2; then
              echo "error: the files above still hold placeholders: {ChartValuesRenderer.PlaceholderHint}" >&2
              exit 1
            fi

            """);
        if (storageClass)
        {
            script.Append($"""

                # Encrypted gp3 default StorageClass (the EBS CSI driver itself is an EKS managed add-on of the stack).
                kubectl apply -f {ChartValuesRenderer.StorageClassFileName}

                """);
        }

        if (charts.Count > 0)
        {
            script.Append('\n');
            foreach (var chart in charts.Select(c => c.Chart!).DistinctBy(c => c.RepositoryName))
            {
                script.Append($"helm repo add {chart.RepositoryName} {chart.RepositoryUrl} --force-update\n");
            }

            script.Append("helm repo update\n");
        }

        foreach (var controller in charts)
        {
            var chart = controller.Chart!;
            script.Append('\n');
            script.Append(controller.InstallNote(settings));
            script.Append($"helm upgrade --install {chart.ReleaseName} {chart.Reference} --version {chart.Version} ")
                .Append($"--namespace {controller.ServiceAccount.Namespace} --create-namespace ")
                .Append($"-f {ChartValuesRenderer.ValuesFileName(controller)} --wait\n");
        }

        return script.ToString();
    }
}
