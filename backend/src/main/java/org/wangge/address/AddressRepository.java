package org.wangge.address;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface AddressRepository extends JpaRepository<Address, Long> {

  Optional<Address> findByCode(String code);

  List<Address> findByGridCodeOrderByCode(String gridCode);
}
