using Amazon.CDK.AWS.IAM;
using Constructs;

namespace EksPlatform.Identity;

/// <summary>
/// The grant principal of a role the platform builds as an L1 (its trust policy needs a deploy-time issuer as a JSON
/// key, which the L2 role cannot express without a Lambda-backed resource). Statements that grants add go into one
/// customer managed policy attached to the role, created with the first statement: CloudFormation refuses an empty
/// policy, and the cdk-nag packs refuse inline ones (docs/security-facts.md §5).
/// </summary>
internal sealed class ManagedPolicyGrantee : PrincipalBase
{
    private readonly Construct _scope;
    private readonly CfnRole _role;
    private readonly string _assumeRoleAction;
    private PolicyDocument? _document;
    private CfnManagedPolicy? _policy;

    public ManagedPolicyGrantee(Construct scope, CfnRole role, string assumeRoleAction)
    {
        _scope = scope;
        _role = role;
        _assumeRoleAction = assumeRoleAction;
    }

    /// <summary>The policy the grants went into; null until the first grant.</summary>
    public CfnManagedPolicy? Policy => _policy;

    public override PrincipalPolicyFragment PolicyFragment => new ArnPrincipal(_role.AttrArn).PolicyFragment;

    public override string AssumeRoleAction => _assumeRoleAction;

    /// <summary>Principals are deduplicated in policy documents by this string: the role's ARN identifies it.</summary>
    public override string? DedupeString() => $"ManagedPolicyGrantee:{_role.Node.Path}";

    public override IAddToPrincipalPolicyResult AddToPrincipalPolicy(PolicyStatement statement)
    {
        if (_policy is null)
        {
            _document = new PolicyDocument();
            _policy = new CfnManagedPolicy(_scope, "Grants", new CfnManagedPolicyProps
            {
                Description = "Permissions granted to this role by other constructs",
                PolicyDocument = _document,
                Roles = [_role.Ref],
            });
        }

        _document!.AddStatements(statement);
        return new AddToPrincipalPolicyResult { StatementAdded = true, PolicyDependable = _policy };
    }
}
