import { Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { ErasePerson } from "../../../../components/erase-person"

/** Privacy requests: erase what Autopilot holds about one person. */
const PeoplePage = () => (
  <Container className="flex flex-col gap-y-4">
    <Text size="small" className="text-ui-fg-subtle">
      <Link to="/settings/autopilot" className="hover:underline">
        Autopilot
      </Link>
    </Text>
    <Heading level="h1">Personal data</Heading>
    <ErasePerson />
  </Container>
)

export default PeoplePage
