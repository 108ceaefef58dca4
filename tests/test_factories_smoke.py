from tests import factories


def test_every_factory_builds_a_valid_instance(db):
    for factory_class in [
        factories.UserFactory,
        factories.SchoolFactory,
        factories.CompanyFactory,
        factories.SchoolMembershipFactory,
        factories.CompanyMembershipFactory,
        factories.AcademyStaffFactory,
        factories.PartnershipFactory,
        factories.PublishedEventFactory,
        factories.SessionFactory,
        factories.ClassRegistrationFactory,
        factories.EventStatusChangeFactory,
        factories.RegistrationStatusChangeFactory,
    ]:
        instance = factory_class()
        instance.full_clean()
